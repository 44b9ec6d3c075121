using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Incidents.Application.Common.Security;

namespace Incidents.Application.Features.Discrepancies;

/// <summary>One pupil's line from a pasted list or a CSV file: where it was (line number), the UPN as written, and
/// (from a CSV) what each side holds.</summary>
public sealed record UpnLine(int Line, string Upn, string? RaiserHolds = null, string? ProviderHolds = null);

/// <summary>
/// Reads the UPNs a person pastes (one per line, or separated by commas or semicolons) or uploads as a CSV file (first
/// column the UPN; optionally the second what the raiser holds and the third what the provider holds; a first row whose
/// first cell says "UPN" is a header). Blank lines are skipped. Each UPN keeps its line number, so a fault found by the
/// command's validator (<c>upns[i]</c>) is shown against the line it came from.
/// </summary>
public static class UpnLines
{
    public const int MaxLines = 2000;

    public static IReadOnlyList<UpnLine> FromText(string? text)
    {
        var lines = new List<UpnLine>();
        var number = 0;
        foreach (var raw in (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            foreach (var part in raw.Split([',', ';', '\t'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                lines.Add(new UpnLine(number, part));
            }
        }

        return lines;
    }

    /// <summary>The CSV's lines, or the reason it could not be read.</summary>
    public static (IReadOnlyList<UpnLine> Lines, string? Error) FromCsv(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = new List<UpnLine>();
        try
        {
            using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = false,
                DetectDelimiter = true,
                BadDataFound = null,
                IgnoreBlankLines = true,
            });
            while (parser.Read())
            {
                var row = parser.Record ?? [];
                var line = parser.Row;
                if (lines.Count == 0 && line == 1 && row.Length > 0 && row[0].Trim().Contains("UPN", StringComparison.OrdinalIgnoreCase) && row[0].Trim().Length != 13)
                {
                    continue;
                }

                if (row.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (lines.Count >= MaxLines)
                {
                    return ([], string.Create(CultureInfo.InvariantCulture, $"The file has more than {MaxLines} rows; split it into smaller files."));
                }

                lines.Add(new UpnLine(line, row[0].Trim(), Cell(row, 1), Cell(row, 2)));
            }
        }
        catch (Exception ex) when (ex is CsvHelperException or DecoderFallbackException or IOException)
        {
            return ([], "The file could not be read as CSV. Save it from the spreadsheet as \"CSV UTF-8\" and try again.");
        }

        return (lines, null);
    }

    private static string? Cell(string[] row, int index) => row.Length > index && !string.IsNullOrWhiteSpace(row[index]) ? row[index].Trim() : null;
}
