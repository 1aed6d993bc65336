using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Table.Data.Reading;

namespace Floe.Table.Scanning.Execution;

/// <summary>Opens a data or delete file listed in a manifest for reading.</summary>
internal static class ContentFileOpener
{
    public static async Task<DataFileReader> OpenAsync(IFileIO fileIO, ContentFile file, NameMapping? nameMapping, CancellationToken cancellationToken)
    {
        if (file.Format != FileFormat.Parquet)
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"{file.FilePath} is a {file.Format} file; only Parquet files can be read.");
        }

        Stream stream = await fileIO.NewInputFile(file.FilePath).OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DataFileReader.OpenAsync(stream, file.FilePath, nameMapping, leaveOpen: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
