using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Register;

/// <summary>The governors' summary of a period (London calendar days of the report, both ends included; by default the
/// school year so far, from 1 September): counts by kind and severity, reports to the ICO on time or late, open actions.
/// Over the incidents the caller may see, through the register's own filter.</summary>
[RequiresSignIn]
public sealed record GetGovernorsSummaryQuery(DateOnly? From = null, DateOnly? To = null) : IRequest<GovernorsSummary>;

public sealed record GovernorsSummary(
    DateOnly From,
    DateOnly To,
    int Total,
    IReadOnlyList<(IncidentKind Kind, int Count)> ByKind,
    IReadOnlyList<(SeverityLevel? Severity, int Count)> BySeverity,
    int PersonalDataBreaches,
    int ToReport,
    int ReportedOnTime,
    int ReportedLate,
    int NotYetReported,
    int OpenActions,
    int OverdueActions,
    int Open,
    int Closed);

public sealed class GetGovernorsSummaryValidator : AbstractValidator<GetGovernorsSummaryQuery>
{
    public GetGovernorsSummaryValidator()
    {
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || to >= q.From).WithMessage("The end of the period must be the same as or after its start.");
    }
}

public sealed class GetGovernorsSummaryHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetGovernorsSummaryQuery, GovernorsSummary>
{
    public async ValueTask<GovernorsSummary> Handle(GetGovernorsSummaryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(LondonTime.ToLondon(now).DateTime);
        var to = query.To ?? today;
        var from = query.From ?? new DateOnly(to.Month >= 9 ? to.Year : to.Year - 1, 9, 1);
        var incidents = new ExportRegisterHandler(db, user, time).Filter(new ExportRegisterQuery("csv", from, to));

        var byKind = await incidents.GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var bySeverity = await incidents.GroupBy(i => i.Severity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStatus = await incidents.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var breaches = await incidents.CountAsync(i => i.Classification == TriageClassification.PersonalDataBreach, cancellationToken);

        // Those decided to be reported, with their deadline and first report (few: read them).
        var toReport = await incidents
            .Where(i => i.Decision == DecisionOutcome.ReportToIco || i.Decision == DecisionOutcome.ReportToIcoAndDataSubjects)
            .Select(i => new { i.Id, i.AwareAt })
            .ToListAsync(cancellationToken);
        var ids = toReport.Select(i => i.Id).ToList();
        var filings = (await db.IcoFilings.AsNoTracking().Where(f => ids.Contains(f.IncidentId) && f.Phase == FilingPhase.Initial).ToListAsync(cancellationToken))
            .GroupBy(f => f.IncidentId).ToDictionary(g => g.Key, g => g.OrderBy(f => f.SubmittedAt).First());
        var late = toReport.Count(i => filings.TryGetValue(i.Id, out var f) && f.IsLate(IcoClock.DeadlineFrom(i.AwareAt)));
        var onTime = toReport.Count(i => filings.TryGetValue(i.Id, out var f) && !f.IsLate(IcoClock.DeadlineFrom(i.AwareAt)));

        var actions = db.IncidentActions.AsNoTracking().Where(a => a.CompletedAt == null && incidents.Any(i => i.Id == a.IncidentId));
        var openActions = await actions.CountAsync(cancellationToken);
        var overdue = await actions.CountAsync(a => a.DueDate != null && a.DueDate < today, cancellationToken);

        return new GovernorsSummary(
            from, to,
            byKind.Sum(k => k.Count),
            Enum.GetValues<IncidentKind>().Select(k => (k, byKind.FirstOrDefault(x => x.Key == k)?.Count ?? 0)).ToList(),
            Enum.GetValues<SeverityLevel>().Select(s => ((SeverityLevel?)s, bySeverity.FirstOrDefault(x => x.Key == s)?.Count ?? 0))
                .Append((null, bySeverity.FirstOrDefault(x => x.Key == null)?.Count ?? 0)).ToList(),
            breaches,
            toReport.Count, onTime, late, toReport.Count - onTime - late,
            openActions, overdue,
            byStatus.Where(s => s.Key != IncidentStatus.Closed).Sum(s => s.Count),
            byStatus.Where(s => s.Key == IncidentStatus.Closed).Sum(s => s.Count));
    }
}
