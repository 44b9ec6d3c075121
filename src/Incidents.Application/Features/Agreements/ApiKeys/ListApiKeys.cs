using FluentValidation;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Agreements;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

[RequiresRole(Roles.Admin, Message = "Only an administrator may list API keys.")]
public sealed record ListApiKeysQuery : IRequest<IReadOnlyList<ApiKeyView>>;

public sealed record ApiKeyView(Guid Id, string Name, string Hint, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed class ListApiKeysHandler(IIncidentsDb db) : IRequestHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyView>>
{
    public async ValueTask<IReadOnlyList<ApiKeyView>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Hint, k.CreatedBy, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }
}
