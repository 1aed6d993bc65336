using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Parquet.Reading;
using Floe.Table.Data.Reading;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Opens a data or delete file listed in a manifest for reading. Footers are parsed once (also when several readers
/// open the file at the same time) and kept in <see cref="ScanCaches.Footers"/> by path and length: a file whose
/// length differs from the one listed is parsed afresh and not cached.
/// </summary>
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
            var key = new FileKey(file.FilePath, file.FileSizeInBytes);
            bool cacheable = ScanCaches.Footers.Enabled && stream.CanSeek && stream.Length == file.FileSizeInBytes;
            if (!cacheable)
            {
                return await DataFileReader.OpenAsync(stream, file.FilePath, nameMapping, leaveOpen: false, cancellationToken).ConfigureAwait(false);
            }

            // The caller that parses the footer keeps the reader it parsed with; callers missing it meanwhile wait and share it.
            DataFileReader? parsedWith = null;
            ParquetFooter footer = await ScanCaches.Footers.GetOrLoadAsync(key, stream, async (s, ct) =>
            {
                parsedWith = await DataFileReader.OpenAsync(s, file.FilePath, nameMapping, leaveOpen: false, ct).ConfigureAwait(false);
                return (parsedWith.Parquet.Footer, parsedWith.Parquet.Footer.EstimatedBytes);
            }, cancellationToken).ConfigureAwait(false);
            return parsedWith ?? DataFileReader.Open(stream, file.FilePath, footer, nameMapping);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
