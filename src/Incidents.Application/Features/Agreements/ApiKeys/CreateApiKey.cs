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

[RequiresRole(Roles.Admin, Message = "Only an administrator may create an API key.")]
public sealed record CreateApiKeyCommand(string? Name) : IRequest<CreatedApiKey>;

public sealed record CreatedApiKey(Guid Id, string Name, string Key, string Hint);

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
}

public sealed class CreateApiKeyHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<CreateApiKeyCommand, CreatedApiKey>
{
    public async ValueTask<CreatedApiKey> Handle(CreateApiKeyCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var (key, hash, hint) = ApiKey.Generate();
        var row = new ApiKey(Guid.CreateVersion7(), c.Name!.Trim(), hash, hint, user.DisplayName, time.GetUtcNow());
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(row.Id, row.Name, key, hint);
    }
}
