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
        await using var workbook = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 64 * 1024 }, cancellationToken);
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
        return count;
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
