using System.Runtime.CompilerServices;
using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Words;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Register;

/// <summary>
/// The breach register (UK GDPR Art. 33(5)): every incident the caller may see, filtered, one row each. Dates are
/// London calendar days of the report, both ends included. <paramref name="OrganisationId"/> matches either party.
/// </summary>
[RequiresSignIn]
public sealed record ExportRegisterQuery(
    string? Format = "csv",
    DateOnly? From = null,
    DateOnly? To = null,
    Guid? OrganisationId = null,
    IncidentKind? Kind = null,
    TriageClassification? Classification = null,
    IncidentStatus? State = null) : IRequest<RegisterExport>;

/// <summary>The rows are read as they are enumerated (in pages of <see cref="ExportRegisterHandler.PageSize"/>), so
/// the register of any size is written in bounded memory. Enumerate once, within the request's scope.</summary>
public sealed record RegisterExport(string FileName, IAsyncEnumerable<RegisterRow> Rows)
{
    /// <summary><c>csv</c> or <c>xlsx</c>, as asked.</summary>
    public string Format { get; init; } = "csv";

    public string ContentType => RegisterFormats.ContentType(Format);

    /// <summary>Writes the rows in <see cref="Format"/>, as they are read.</summary>
    public Task<long> WriteAsync(Stream output, CancellationToken cancellationToken) => RegisterFormats.WriteAsync(Format, Rows, output, cancellationToken);
}

/// <summary>One incident in the register: the facts, the effects, the remedial action, the decision and its reasons,
/// the ICO report and its date, and the people told.</summary>
public sealed record RegisterRow(
    string Reference,
    IncidentKind Kind,
    IncidentStatus Status,
    TriageClassification? Classification,
    SeverityLevel? Severity,
    string ReportingOrganisation,
    string CounterpartyOrganisation,
    string ReportedBy,
    DateTimeOffset DiscoveredAt,
    DateTimeOffset ReportedAt,
    DateTimeOffset AwareAt,
    DateTimeOffset IcoDeadline,
    string Summary,
    string Description,
    IReadOnlyList<string> DataCategories,
    int? ApproximateDataSubjects,
    string? LikelyConsequences,
    string ContainmentActions,
    IReadOnlyList<string> Actions,
    int OpenActions,
    DecisionOutcome? Decision,
    string? DecisionRationale,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    DateTimeOffset? IcoReportedAt,
    string? IcoCaseReference,
    bool? IcoReportLate,
    string? IcoLateReason,
    int? PeopleTold,
    IReadOnlyList<string> DataSubjectNotices,
    DateTimeOffset? ClosedAt,
    string? LessonsLearned)
{
    /// <summary>The discovery's day is known but not its time (DiscoveredAt is then the start of that London day).</summary>
    public bool DiscoveredTimeUnknown { get; init; }
}

public sealed class ExportRegisterValidator : AbstractValidator<ExportRegisterQuery>
{
    public ExportRegisterValidator()
    {
        RuleFor(q => q.Format)
            .Must(RegisterFormats.IsKnown)
            .WithMessage("The register is exported as csv or xlsx.");
        RuleFor(q => q.From).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real date for the start of the period.");
        RuleFor(q => q.To).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real date for the end of the period.");
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || to >= q.From).WithMessage("The end of the period must be the same as or after its start.");
    }
}

public sealed class ExportRegisterHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<ExportRegisterQuery, RegisterExport>
{
    /// <summary>Incidents read per round trip. One open reader for the whole export would also be bounded, but SQL Server
    /// (without MARS) cannot run each page's filings, notices and actions while it is open, and a long-lived reader on
    /// SQLite holds a snapshot that stops the WAL from being checkpointed; keyset pages need neither.</summary>
    public const int PageSize = 500;

    public ValueTask<RegisterExport> Handle(ExportRegisterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = DateOnly.FromDateTime(LondonTime.ToLondon(time.GetUtcNow()).DateTime);
        var name = $"breach-register-{today:yyyy-MM-dd}.{RegisterFormats.Extension(query.Format)}";
        return ValueTask.FromResult(new RegisterExport(name, ReadAsync(Filter(query), cancellationToken)) { Format = RegisterFormats.Extension(query.Format) });
    }

    /// <summary>The incidents the caller may see (the one visibility rule), narrowed by the filters.</summary>
    public IQueryable<Incident> Filter(ExportRegisterQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var incidents = db.Incidents.AsNoTracking().VisibleTo(user);
        if (query.From is { } from)
        {
            var start = LondonTime.FromLondonWallClock(from.ToDateTime(TimeOnly.MinValue));
            incidents = incidents.Where(i => i.ReportedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = LondonTime.FromLondonWallClock(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            incidents = incidents.Where(i => i.ReportedAt < end);
        }

        if (query.OrganisationId is { } organisation)
        {
            incidents = incidents.Where(i => i.ReportingOrganisationId == organisation || i.CounterpartyOrganisationId == organisation);
        }

        if (query.Kind is { } kind)
        {
            incidents = incidents.Where(i => i.Kind == kind);
        }

        if (query.Classification is { } classification)
        {
            incidents = incidents.Where(i => i.Classification == classification);
        }

        if (query.State is { } state)
        {
            incidents = incidents.Where(i => i.Status == state);
        }

        return incidents;
    }

    private async IAsyncEnumerable<RegisterRow> ReadAsync(IQueryable<Incident> incidents, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        string? after = null;
        while (true)
        {
            // Keyset on the unique reference: each page starts after the last one's end, whatever is added meanwhile.
            var page = await (after is null ? incidents : incidents.Where(i => string.Compare(i.Reference, after) > 0))
                .OrderBy(i => i.Reference)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var ids = page.Select(i => i.Id).ToList();
            var filings = (await db.IcoFilings.AsNoTracking().Where(f => ids.Contains(f.IncidentId)).ToListAsync(cancellationToken))
                .ToLookup(f => f.IncidentId);
            var notices = (await db.DataSubjectNotices.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(cancellationToken))
                .ToLookup(n => n.IncidentId);
            var actions = (await db.IncidentActions.AsNoTracking().Where(a => ids.Contains(a.IncidentId)).ToListAsync(cancellationToken))
                .ToLookup(a => a.IncidentId);

            foreach (var i in page)
            {
                var initial = filings[i.Id].Where(f => f.Phase == FilingPhase.Initial).OrderBy(f => f.SubmittedAt).FirstOrDefault();
                var told = notices[i.Id].Where(n => n.PeopleNotified is not null).ToList();
                yield return new RegisterRow(
                    i.Reference, i.Kind, i.Status, i.Classification, i.Severity,
                    organisations.GetValueOrDefault(i.ReportingOrganisationId, string.Empty),
                    organisations.GetValueOrDefault(i.CounterpartyOrganisationId, string.Empty),
                    i.ReporterName, i.DiscoveredAt, i.ReportedAt, i.AwareAt, i.IcoDeadline,
                    i.Summary, i.Description, i.DataCategories, i.ApproximateDataSubjects,
                    initial?.LikelyConsequences,
                    i.ContainmentActions,
                    actions[i.Id].OrderBy(a => a.CreatedAt)
                        .Select(a => $"{Words.Of(a.Kind)}: {a.Description} ({a.AssignedTo}; {(a.IsOpen ? "open" : "done")})").ToList(),
                    actions[i.Id].Count(a => a.IsOpen),
                    i.Decision, i.DecisionRationale, i.DecidedAt, i.DecidedBy,
                    initial?.SubmittedAt, initial?.CaseReference, initial?.IsLate(i.IcoDeadline), initial?.LateReason,
                    told.Count == 0 ? null : told.Sum(n => n.PeopleNotified!.Value),
                    notices[i.Id].OrderBy(n => n.RecordedAt)
                        .Select(n => n.Exception is { } exception ? $"Not told: {Words.Of(exception)}" : $"{n.PeopleNotified} told by {(n.Method is { } method ? Words.Of(method).ToLowerInvariant() : "a way not recorded")}").ToList(),
                    i.ClosedAt, i.LessonsLearned)
                {
                    DiscoveredTimeUnknown = i.DiscoveredTimeUnknown,
                };
            }

            after = page[^1].Reference;
            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
