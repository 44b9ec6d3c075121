using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Incidents.Application.Common.Words;
using Incidents.Domain.Common;

namespace Incidents.Application.Features.Register;

/// <summary>
/// Writes the register as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read the accents) with CsvHelper.
/// A cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is prefixed with an
/// apostrophe and quoted, so a spreadsheet shows it as text and never runs it as a formula (CSV injection).
/// </summary>
public static class RegisterCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
        NewLine = "\r\n",
    };

    /// <summary>The columns, in order: the header and how each row fills it. Values are in words (the one display
    /// vocabulary, <see cref="Words"/>): the register is read by governors and auditors.</summary>
    public static IReadOnlyList<(string Header, Func<RegisterRow, string?> Value)> Columns { get; } =
    [
        ("Reference", r => r.Reference),
        ("Kind", r => Words.Of(r.Kind)),
        ("State", r => Words.Of(r.Status)),
        ("Classification", r => r.Classification is { } c ? Words.Of(c) : null),
        ("Severity", r => r.Severity is { } s ? Words.Of(s) : null),
        ("Reporting organisation", r => r.ReportingOrganisation),
        ("Other party", r => r.CounterpartyOrganisation),
        ("Reported by", r => r.ReportedBy),
        ("Discovered at", r => r.DiscoveredTimeUnknown ? Day(r.DiscoveredAt) : When(r.DiscoveredAt)),
        ("Reported at", r => When(r.ReportedAt)),
        ("SIL aware at", r => When(r.AwareAt)),
        ("ICO deadline", r => When(r.IcoDeadline)),
        ("Facts: summary", r => r.Summary),
        ("Facts: description", r => r.Description),
        ("Data categories", r => string.Join("; ", r.DataCategories)),
        ("Approximate data subjects", r => r.ApproximateDataSubjects?.ToString(CultureInfo.InvariantCulture)),
        ("Effects: likely consequences", r => r.LikelyConsequences),
        ("Remedial action: containment", r => r.ContainmentActions),
        ("Remedial action: actions", r => string.Join("\n", r.Actions)),
        ("Open actions", r => r.OpenActions.ToString(CultureInfo.InvariantCulture)),
        ("Decision", r => r.Decision is { } d ? Words.Of(d) : null),
        ("Decision reasons", r => r.DecisionRationale),
        ("Decided at", r => When(r.DecidedAt)),
        ("Decided by", r => r.DecidedBy),
        ("Reported to the ICO", r => r.IcoReportedAt is null ? "No" : "Yes"),
        ("ICO report date", r => When(r.IcoReportedAt)),
        ("ICO case reference", r => r.IcoCaseReference),
        ("ICO report on time", r => r.IcoReportLate switch { true => "Late", false => "On time", null => null }),
        ("Reason for lateness", r => r.IcoLateReason),
        ("People told", r => r.PeopleTold?.ToString(CultureInfo.InvariantCulture)),
        ("Telling the people affected", r => string.Join("\n", r.DataSubjectNotices)),
        ("Closed at", r => When(r.ClosedAt)),
        ("Lessons learned", r => r.LessonsLearned),
    ];

    /// <summary>Writes the header and every row, flushing as it goes; returns the number of rows.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<RegisterRow> rows, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration);
        foreach (var (header, _) in Columns)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var (_, value) in Columns)
            {
                csv.WriteField(value(row) ?? string.Empty);
            }

            await csv.NextRecordAsync();
            if (++count % 500 == 0)
            {
                await csv.FlushAsync();
            }
        }

        await csv.FlushAsync();
        return count;
    }

    /// <summary>The London day alone, sortable: 2026-11-29 (a time not known is never written as midnight).</summary>
    private static string Day(DateTimeOffset instant) => LondonTime.DateOf(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>London time, sortable: 2026-11-29 08:30.</summary>
    private static string? When(DateTimeOffset? instant) =>
        instant is { } i ? LondonTime.ToLondon(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;
}
