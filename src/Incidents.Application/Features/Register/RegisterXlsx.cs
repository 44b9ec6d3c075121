using System.Buffers;
using SpreadCheetah;

namespace Incidents.Application.Features.Register;

/// <summary>
/// Writes the register as an Excel workbook (XLSX) with SpreadCheetah, which writes forward-only straight to the output
/// stream (no workbook held in memory, no seekable stream needed), so it is streamed like the CSV. Every cell is written
/// as a string cell, never a formula: a summary that begins with <c>=</c> is shown as that text and never run. The
/// columns are the CSV's (<see cref="RegisterCsv.Columns"/>).
/// </summary>
public static class RegisterXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel holds at most this many characters in a cell.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>Writes the header and every row, flushing as it goes; returns the number of rows.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<RegisterRow> rows, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sink = new AsyncOnlySink(output);
        var workbook = await Spreadsheet.CreateNewAsync(sink, new SpreadCheetahOptions { BufferSize = 64 * 1024 }, cancellationToken);
        var options = new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 };
        await workbook.StartWorksheetAsync("Breach register", options, cancellationToken);
        var bold = workbook.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
        var columns = RegisterCsv.Columns;
        var cells = new Cell[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            cells[c] = new Cell(columns[c].Header, bold);
        }

        await workbook.AddRowAsync(cells, cancellationToken);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var c = 0; c < columns.Count; c++)
            {
                cells[c] = new Cell(Text(columns[c].Value(row)));
            }

            await workbook.AddRowAsync(cells, cancellationToken);
            count++;
        }

        await workbook.FinishAsync(cancellationToken);
        await workbook.DisposeAsync();
        await sink.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>The zip's closing records (and a compressed entry's last block) are written synchronously, which
    /// ASP.NET Core refuses on a response body. This holds such small synchronous writes and sends them, in order, with
    /// the next asynchronous write or flush; the rows themselves are written asynchronously and pass straight through,
    /// so nothing but those few kilobytes is ever held.</summary>
    private sealed class AsyncOnlySink(Stream inner) : Stream
    {
        private readonly ArrayBufferWriter<byte> _pending = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

        public override void WriteByte(byte value) => _pending.Write([value]);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await DrainAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await DrainAsync(cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private async Task DrainAsync(CancellationToken cancellationToken)
        {
            if (_pending.WrittenCount > 0)
            {
                await inner.WriteAsync(_pending.WrittenMemory, cancellationToken);
                _pending.ResetWrittenCount();
            }
        }
    }

    /// <summary>As a string cell can hold it: no characters XML 1.0 forbids, at most <see cref="MaxCellLength"/>.</summary>
    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            value = new string(value.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray());
        }

        return value.Length > MaxCellLength ? value[..MaxCellLength] : value;
    }
}

/// <summary>The register's file formats: <c>csv</c> (the default) and <c>xlsx</c>.</summary>
public static class RegisterFormats
{
    public static bool IsXlsx(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string? format) => format is null || IsXlsx(format) || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    public static string ContentType(string? format) => IsXlsx(format) ? RegisterXlsx.ContentType : RegisterCsv.ContentType;

    public static string Extension(string? format) => IsXlsx(format) ? "xlsx" : "csv";

    /// <summary>Writes the export in its format.</summary>
    public static Task<long> WriteAsync(string? format, IAsyncEnumerable<RegisterRow> rows, Stream output, CancellationToken cancellationToken) =>
        IsXlsx(format) ? RegisterXlsx.WriteAsync(rows, output, cancellationToken) : RegisterCsv.WriteAsync(rows, output, cancellationToken);
}
