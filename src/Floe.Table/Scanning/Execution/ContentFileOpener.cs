using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Parquet.Reading;
using Floe.Table.Data.Reading;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Opens a data or delete file listed in a manifest for reading. Footers are parsed once and kept in
/// <see cref="ScanCaches.Footers"/> by path and length: a file whose length differs from the one listed is parsed
/// afresh and not cached.
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
            if (cacheable && ScanCaches.Footers.TryGet(key, out ParquetFooter? footer))
            {
                return DataFileReader.Open(stream, file.FilePath, footer, nameMapping);
            }

            DataFileReader reader = await DataFileReader.OpenAsync(stream, file.FilePath, nameMapping, leaveOpen: false, cancellationToken).ConfigureAwait(false);
            if (cacheable)
            {
                ParquetFooter parsed = reader.Parquet.Footer;
                ScanCaches.Footers.Add(key, parsed, parsed.EstimatedBytes);
            }

            return reader;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
