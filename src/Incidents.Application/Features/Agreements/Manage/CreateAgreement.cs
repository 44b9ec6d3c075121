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

[RequiresRole(Roles.Admin, Message = "Only an administrator may create an agreement.")]
public sealed record CreateAgreementCommand(Guid? SchoolOrganisationId, int? Version, DateOnly? StartDate) : IRequest<Guid>;

public sealed class CreateAgreementValidator : AbstractValidator<CreateAgreementCommand>
{
    public CreateAgreementValidator()
    {
        RuleFor(c => c.SchoolOrganisationId).NotNull();
        RuleFor(c => c.Version).NotNull().InclusiveBetween(1, 1000);
        RuleFor(c => c.StartDate).NotNull().Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real start date.");
    }
}

public sealed class CreateAgreementHandler(IIncidentsDb db, IAuditTrail audit) : IRequestHandler<CreateAgreementCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateAgreementCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var school = await db.Organisations.SingleOrDefaultAsync(o => o.Id == c.SchoolOrganisationId && o.Kind == OrganisationKind.School, cancellationToken)
            ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(c.SchoolOrganisationId), "There is no school with that id.")]);
        var sil = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.Sil, cancellationToken);
        if (await db.Agreements.AnyAsync(a => a.SchoolOrganisationId == school.Id && a.Version == c.Version, cancellationToken))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(c.Version), "This school already has an agreement of that version.")]);
        }

        var agreement = new Agreement(Guid.CreateVersion7(), sil.Id, school.Id, c.Version!.Value, c.StartDate!.Value);
        db.Agreements.Add(agreement);
        await audit.AppendForAgreementAsync(agreement.Id, "AgreementCreated", null, new { School = school.Name, agreement.Version, agreement.StartDate }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement.Id;
    }
}
