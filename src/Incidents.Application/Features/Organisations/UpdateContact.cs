using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Organisations;

/// <summary>Corrects a contact (a wrong address that made a notice fail) or deactivates one who has left. Notices
/// already written keep the name and address they went to; only new notices use the change.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators may change contacts.")]
public sealed record UpdateContactCommand(string? Name, string? Email, ContactRole? Role, bool? Active) : IRequest<ContactView>
{
    public Guid ContactId { get; init; }
}

public sealed class UpdateContactValidator : AbstractValidator<UpdateContactCommand>
{
    public UpdateContactValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("The name must be one line.");
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress()
            .Must(e => e is null || MimeLike.IsAddress(e)).WithMessage("Enter a plain email address, like name@school.sch.uk.");
        RuleFor(c => c.Role).NotNull().IsInEnum();
        RuleFor(c => c.Active).NotNull();
    }
}

public sealed class UpdateContactHandler(IIncidentsDb db, IAuditTrail audit) : IRequestHandler<UpdateContactCommand, ContactView>
{
    public async ValueTask<ContactView> Handle(UpdateContactCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        // Administrators, and SIL's DPO (who is told when a notice to a contact fails).

        var contact = await db.Contacts.SingleOrDefaultAsync(x => x.Id == c.ContactId, cancellationToken)
            ?? throw new NotFoundException("There is no contact with that id.");
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == contact.OrganisationId, cancellationToken);
        if (c.Role == ContactRole.Dpo && organisation.Kind != OrganisationKind.Sil)
        {
            throw new ValidationException([new ValidationFailure(nameof(c.Role), "The DPO contact is SIL's (clause 11.5).")]);
        }

        var before = new { contact.Name, contact.Email, contact.Role, contact.Active, Organisation = organisation.Name };
        contact.Update(c.Name!.Trim(), c.Email!.Trim(), c.Role!.Value, c.Active!.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(null, "ContactUpdated", before, new { contact.Name, contact.Email, contact.Role, contact.Active, Organisation = organisation.Name }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ContactView(contact.Name, contact.Email, contact.Role, contact.Id, contact.Active);
    }
}
