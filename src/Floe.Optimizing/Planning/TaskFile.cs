using Floe.Core.Manifests;

namespace Floe.Optimizing.Planning;

/// <summary>A data or delete file of a task with the sequence numbers its manifest entry gave it.</summary>
public sealed record TaskFile(ContentFile File, long DataSequenceNumber, long? FileSequenceNumber = null)
{
    public DataFile AsData => File as DataFile
        ?? throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.InvalidData, $"Task file {File.FilePath} is not a data file.");

    public DeleteFile AsDelete => File as DeleteFile
        ?? throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.InvalidData, $"Task file {File.FilePath} is not a delete file.");
}
