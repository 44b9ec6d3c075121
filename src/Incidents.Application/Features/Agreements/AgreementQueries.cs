using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

[RequiresSignIn]
public sealed record ListAgreementsQuery : IRequest<IReadOnlyList<AgreementSummary>>;

[RequiresSignIn]
public sealed record GetAgreementQuery(Guid Id) : IRequest<AgreementDetails>;

public sealed record PartyView(Guid Id, string Name, string? Urn, IReadOnlyList<OfficerView> DesignatedOfficers);

public sealed record OfficerView(string Name, string Email);

public sealed record AgreementSummary(Guid Id, PartyView School, PartyView Sil, AgreementStatus Status, int Version, DateOnly StartDate, DateOnly NextReviewDate, SuspensionView? CurrentSuspension);

/// <summary>An agreement as the caller may see it. <see cref="Actions"/> says which clause 10 changes the caller may make.</summary>
public sealed record AgreementDetails(Guid Id, PartyView School, PartyView Sil, AgreementStatus Status, int Version, DateOnly StartDate, DateOnly NextReviewDate,
    SuspensionView? CurrentSuspension, IReadOnlyList<SuspensionView> Suspensions, int ConcurrencyVersion, AgreementActions Actions,
    IReadOnlyList<AgreementNoticeView>? Notices = null);

/// <summary>A suspension, reminder, reinstatement or review notice of the agreement, with its delivery (for the
/// parties' designated officers, SIL's DPO and administrators; empty for other staff).</summary>
public sealed record AgreementNoticeView(Guid Id, Domain.Notifications.NotificationType Type, string RecipientName, string RecipientEmail,
    Domain.Notifications.NotificationStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError,
    Guid? ResendOfNotificationId, bool Resent, IReadOnlyList<string> Alerts);

/// <summary>What the caller may do: suspend (when in force), renew or lift the current suspension.</summary>
public sealed record AgreementActions(bool Suspend, bool Renew, bool Lift);

/// <summary>A suspension: its status and dates for everyone who may see the agreement; <see cref="Details"/> (who, why, the
/// evidence and the incidents) only for the parties' designated officers and SIL's DPO and administrators, else null.</summary>
public sealed record SuspensionView(Guid Id, SuspensionStatus Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string EndsAtLocal, DateTimeOffset? EndedAt,
    SuspensionDetailsView? Details);

public sealed record SuspensionDetailsView(string SuspendedBy, Guid SuspendedByOrganisationId, string SuspendedByOrganisation, RenewalView? Renewed,
    string Reason, string Evidence, IReadOnlyList<IncidentRef> Incidents, string? EndedBy, string? EndReason, int EvidenceFiles = 0);

/// <summary>Who renewed a suspension (this suspension is the renewal), and when.</summary>
public sealed record RenewalView(string Name, Guid OrganisationId, string Organisation, DateTimeOffset At);

public sealed record IncidentRef(Guid Id, string Reference);

/// <summary>Who may see which agreements: SIL's people all; a school's people their school's.</summary>
internal static class AgreementAccess
{
    public static async Task<IQueryable<Agreement>> VisibleToAsync(IIncidentsDb db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var me = user.OrganisationId;
        var isSil = await db.Organisations.AnyAsync(o => o.Id == me && o.Kind == OrganisationKind.Sil, cancellationToken);
        var agreements = db.Agreements.AsNoTracking();
        return isSil ? agreements : agreements.Where(a => a.SchoolOrganisationId == me);
    }

    /// <summary>Over-sharing (pen test #10): a suspension's reasons, evidence and incidents are for the parties'
    /// designated officers and SIL's DPO and administrators; everyone else who may see the agreement sees its status and dates.</summary>
    public static bool MaySeeSuspensionDetails(ICurrentUser user, Agreement agreement) =>
        user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.DesignatedOfficer) && agreement.IsParty(user.OrganisationId));

    public static async Task<IReadOnlyList<AgreementDetails>> DescribeAsync(IIncidentsDb db, ICurrentUser user, IReadOnlyList<Agreement> agreements, TimeProvider time, CancellationToken cancellationToken)
    {
        var organisationIds = agreements.SelectMany(a => new[] { a.SchoolOrganisationId, a.SilOrganisationId }).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Contacts)
            .Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var agreementIds = agreements.Select(a => a.Id).ToList();
        var suspensions = await db.Suspensions.AsNoTracking().Where(s => agreementIds.Contains(s.AgreementId)).OrderByDescending(s => s.StartsAt).ToListAsync(cancellationToken);
        var incidentIds = suspensions.SelectMany(s => s.IncidentIds).Distinct().ToList();
        var references = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Reference, cancellationToken);
        var suspensionIds = suspensions.Select(s => (Guid?)s.Id).ToList();
        var files = await db.Attachments.AsNoTracking().Where(f => suspensionIds.Contains(f.SuspensionId))
            .GroupBy(f => f.SuspensionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        var today = DateOnly.FromDateTime(LondonTime.ToLondon(time.GetUtcNow()).DateTime);

        PartyView Party(Guid id) => organisations.TryGetValue(id, out var o)
            ? new PartyView(o.Id, o.Name, o.Urn, o.Contacts.Where(c => c.Role == ContactRole.DesignatedOfficer).Select(c => new OfficerView(c.Name, c.Email)).ToList())
            : new PartyView(id, string.Empty, null, []);

        string NameOf(Guid id) => organisations.TryGetValue(id, out var o) ? o.Name : string.Empty;

        SuspensionView View(Suspension s, bool details) => new(s.Id, s.Status, s.StartsAt, s.EndsAt, LondonTime.Format(s.EndsAt), s.EndedAt, details
            ? new SuspensionDetailsView(s.SuspendedByName, s.SuspendedByOrganisationId, NameOf(s.SuspendedByOrganisationId),
                s.RenewedByOrganisationId is { } renewer ? new RenewalView(s.RenewedByName ?? string.Empty, renewer, NameOf(renewer), s.StartsAt) : null,
                s.Reason, s.Evidence, s.IncidentIds.Select(i => new IncidentRef(i, references.GetValueOrDefault(i, string.Empty))).ToList(), s.EndedBy, s.EndReason,
                files.GetValueOrDefault(s.Id))
            : null);

        return agreements.Select(a =>
        {
            var details = MaySeeSuspensionDetails(user, a);
            var all = suspensions.Where(s => s.AgreementId == a.Id).ToList();
            var history = all.Select(s => View(s, details)).ToList();
            var current = all.FirstOrDefault(s => s.Id == a.CurrentSuspensionId);
            var party = SuspensionRules.ActingPartyOrNull(user, a);
            var mayChange = party is { } p && current is not null && current.MayBeRenewedOrLiftedBy(p, user.IsInRole(Roles.Dpo));
            var actions = new AgreementActions(party is not null && a.Status == AgreementStatus.Active, mayChange, mayChange);
            return new AgreementDetails(a.Id, Party(a.SchoolOrganisationId), Party(a.SilOrganisationId), a.Status, a.Version, a.StartDate,
                SuspensionCalendar.NextReviewDate(today), history.FirstOrDefault(s => s.Id == a.CurrentSuspensionId), history, a.ConcurrencyVersion, actions);
        }).ToList();
    }
}

public sealed class ListAgreementsHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<ListAgreementsQuery, IReadOnlyList<AgreementSummary>>
{
    public async ValueTask<IReadOnlyList<AgreementSummary>> Handle(ListAgreementsQuery query, CancellationToken cancellationToken)
    {
        var visible = await AgreementAccess.VisibleToAsync(db, user, cancellationToken);
        var agreements = await visible.ToListAsync(cancellationToken);
        var described = await AgreementAccess.DescribeAsync(db, user, agreements, time, cancellationToken);
        return described
            .OrderBy(a => a.School.Name)
            .Select(a => new AgreementSummary(a.Id, a.School, a.Sil, a.Status, a.Version, a.StartDate, a.NextReviewDate, a.CurrentSuspension))
            .ToList();
    }
}

public sealed class GetAgreementHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetAgreementQuery, AgreementDetails>
{
    public async ValueTask<AgreementDetails> Handle(GetAgreementQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = await AgreementAccess.VisibleToAsync(db, user, cancellationToken);
        var agreement = await visible.SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("There is no agreement with that id that you may see.");
        var details = (await AgreementAccess.DescribeAsync(db, user, [agreement], time, cancellationToken))[0];
        if (!AgreementAccess.MaySeeSuspensionDetails(user, agreement))
        {
            return details with { Notices = [] };
        }

        var suspensionIds = db.Suspensions.Where(s => s.AgreementId == agreement.Id).Select(s => s.Id);
        var notices = await db.Notifications.AsNoTracking()
            .Where(n => n.AgreementId == agreement.Id || (n.SuspensionId != null && suspensionIds.Contains(n.SuspensionId.Value)))
            .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.RecipientName)
            .Take(200)
            .ToListAsync(cancellationToken);
        var ids = notices.Select(n => n.Id).ToList();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.NotificationId != null && ids.Contains(a.NotificationId.Value) && a.ResolvedAt == null)
            .Select(a => new { a.NotificationId, a.Message }).ToListAsync(cancellationToken);
        var resent = notices.Where(n => n.ResendOfNotificationId != null).Select(n => n.ResendOfNotificationId!.Value).ToHashSet();
        return details with
        {
            Notices = notices.Select(n => new AgreementNoticeView(n.Id, n.Type, n.RecipientName, n.RecipientEmail, n.Status, n.Attempts, n.CreatedAt, n.SentAt,
                n.LastError, n.ResendOfNotificationId, resent.Contains(n.Id), alerts.Where(a => a.NotificationId == n.Id).Select(a => a.Message).ToList())).ToList(),
        };
    }
}
