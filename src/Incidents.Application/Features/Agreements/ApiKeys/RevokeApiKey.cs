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

[RequiresRole(Roles.Admin, Message = "Only an administrator may revoke an API key.")]
public sealed record RevokeApiKeyCommand(Guid Id) : IRequest<Guid>;

public sealed class RevokeApiKeyHandler(IIncidentsDb db, TimeProvider time) : IRequestHandler<RevokeApiKeyCommand, Guid>
{
    public async ValueTask<Guid> Handle(RevokeApiKeyCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == c.Id, cancellationToken) ?? throw new NotFoundException("There is no API key with that id.");
        key.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return key.Id;
    }
}
