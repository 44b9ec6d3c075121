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

[RequiresRole(Roles.Admin, Message = "Only an administrator may add a school.")]
public sealed record CreateSchoolCommand(string? Name, string? Urn) : IRequest<Guid>;

public sealed class CreateSchoolValidator : AbstractValidator<CreateSchoolCommand>
{
    public CreateSchoolValidator(IIncidentsDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("The name must be one line.");
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Urn).NotEmpty().Matches(@"^[0-9]{6,7}\z").WithMessage("A URN is six or seven digits.")
            .MustAsync(async (urn, ct) => !await db.Organisations.AnyAsync(o => o.Urn == urn, ct)).WithMessage("A school with that URN is already registered.");
    }
}

public sealed class CreateSchoolHandler(IIncidentsDb db) : IRequestHandler<CreateSchoolCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateSchoolCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var school = new Organisation(Guid.CreateVersion7(), c.Name!.Trim(), OrganisationKind.School, c.Urn!);
        db.Organisations.Add(school);
        await db.SaveChangesAsync(cancellationToken);
        return school.Id;
    }
}
