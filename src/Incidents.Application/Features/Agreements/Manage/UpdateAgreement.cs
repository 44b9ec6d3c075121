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

[RequiresRole(Roles.Admin, Message = "Only an administrator may change an agreement.")]
public sealed record UpdateAgreementCommand(Guid AgreementId, int? Version, DateOnly? StartDate, bool Terminate = false) : IRequest<Guid>;

public sealed class UpdateAgreementValidator : AbstractValidator<UpdateAgreementCommand>
{
    public UpdateAgreementValidator()
    {
        RuleFor(c => c.Version).NotNull().InclusiveBetween(1, 1000);
        RuleFor(c => c.StartDate).NotNull().Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real start date.");
    }
}

public sealed class UpdateAgreementHandler(IIncidentsDb db, IAuditTrail audit) : IRequestHandler<UpdateAgreementCommand, Guid>
{
    public async ValueTask<Guid> Handle(UpdateAgreementCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == c.AgreementId, cancellationToken)
            ?? throw new NotFoundException("There is no agreement with that id.");
        var before = new { agreement.Version, agreement.StartDate, agreement.Status };
        agreement.Update(c.Version!.Value, c.StartDate!.Value, c.Terminate);
        await audit.AppendForAgreementAsync(agreement.Id, "AgreementUpdated", before, new { agreement.Version, agreement.StartDate, agreement.Status }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement.Id;
    }
}
