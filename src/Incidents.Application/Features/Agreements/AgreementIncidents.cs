using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

/// <summary>The incidents reported under an agreement that the caller may see, newest first (at most
/// <paramref name="Limit"/>): the evidence a suspension can link.</summary>
[RequiresSignIn]
public sealed record AgreementIncidentsQuery(Guid AgreementId, int Limit = 200) : IRequest<IReadOnlyList<IncidentRefWithSummary>>;

public sealed record IncidentRefWithSummary(Guid Id, string Reference, string Summary);

public sealed class AgreementIncidentsHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<AgreementIncidentsQuery, IReadOnlyList<IncidentRefWithSummary>>
{
    public async ValueTask<IReadOnlyList<IncidentRefWithSummary>> Handle(AgreementIncidentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await db.Incidents.AsNoTracking().VisibleTo(user)
            .Where(i => i.AgreementId == query.AgreementId)
            .OrderByDescending(i => i.ReportedAt)
            .Select(i => new IncidentRefWithSummary(i.Id, i.Reference, i.Summary))
            .Take(Math.Clamp(query.Limit, 1, 500))
            .ToListAsync(cancellationToken);
    }
}
