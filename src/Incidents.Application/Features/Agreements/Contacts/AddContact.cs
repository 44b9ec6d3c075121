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

[RequiresRole(Roles.Admin, Message = "Only an administrator may add a contact.")]
public sealed record AddContactCommand(Guid OrganisationId, string? Name, string? Email, ContactRole? Role) : IRequest<Guid>;

public sealed class AddContactValidator : AbstractValidator<AddContactCommand>
{
    public AddContactValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("The name must be one line.");
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress()
            .Must(e => e is null || (MimeLike.IsAddress(e))).WithMessage("Enter a plain email address, like name@school.sch.uk.");
        RuleFor(c => c.Role).NotNull().IsInEnum();
    }
}

public static class MimeLike
{
    /// <summary>A bare address: one @, no spaces, angle brackets, quotes or control characters.</summary>
    public static bool IsAddress(string value) =>
        value.Count(c => c == '@') == 1 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';')
        && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1;
}

public sealed class AddContactHandler(IIncidentsDb db) : IRequestHandler<AddContactCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddContactCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var organisation = await db.Organisations.Include(o => o.Contacts).SingleOrDefaultAsync(o => o.Id == c.OrganisationId, cancellationToken)
            ?? throw new NotFoundException("There is no organisation with that id.");
        if (c.Role == ContactRole.Dpo && organisation.Kind != OrganisationKind.Sil)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(c.Role), "The DPO contact is SIL's (clause 11.5).")]);
        }

        var contact = organisation.AddContact(c.Name!.Trim(), c.Email!.Trim(), c.Role!.Value);
        // The id is made by the domain, so say it is new (EF would otherwise take it for an existing row).
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return contact.Id;
    }
}
