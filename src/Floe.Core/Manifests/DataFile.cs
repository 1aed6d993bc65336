namespace Floe.Core.Manifests;

/// <summary>A file of table rows.</summary>
public sealed class DataFile : ContentFile
{
    public override FileContent Content => FileContent.Data;
}
