using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Users;

/// <summary>An admin creates an account: there is no self-registration.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may create accounts.")]
public sealed record CreateUserCommand(string? Email, string? DisplayName, Guid? OrganisationId, string? Role, string? Password)
    : IRequest<CreatedUser>;

public sealed record CreatedUser(string Id, string Email, string DisplayName, Guid OrganisationId, string Role);

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator(IIncidentsDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200)
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("The name must be one line of text.");
        RuleFor(c => c.Role).NotEmpty()
            .Must(r => Roles.All.Contains(r)).WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.Password).NotEmpty();
        RuleFor(c => c.OrganisationId).NotNull()
            .MustAsync(async (id, ct) => await db.Organisations.AnyAsync(o => o.Id == id, ct))
            .When(c => c.OrganisationId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("There is no organisation with that id.");
        RuleFor(c => c.Role)
            .MustAsync(async (c, role, ct) => await db.Organisations.AnyAsync(o => o.Id == c.OrganisationId && o.Kind == Domain.Organisations.OrganisationKind.Sil, ct))
            .When(c => c.Role is Roles.Dpo or Roles.Admin && c.OrganisationId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Only people at SIL can be the DPO or an administrator: they see every school's incidents.");
    }
}

public sealed class CreateUserHandler(UserManager<ApplicationUser> users)
    : IRequestHandler<CreateUserCommand, CreatedUser>
{
    public async ValueTask<CreatedUser> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        var user = new ApplicationUser
        {
            UserName = command.Email!.Trim(),
            Email = command.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = command.DisplayName!.Trim(),
            OrganisationId = command.OrganisationId!.Value,
            LockoutEnabled = true,
        };

        var created = await users.CreateAsync(user, command.Password!);
        if (!created.Succeeded)
        {
            throw new ValidationException(created.Errors.Select(e => new ValidationFailure(
                e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(command.Password)
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(command.Email)
                : string.Empty,
                e.Description)));
        }

        var roleResult = await users.AddToRoleAsync(user, command.Role!);
        if (!roleResult.Succeeded)
        {
            await users.DeleteAsync(user);
            throw new ValidationException(roleResult.Errors.Select(e => new ValidationFailure(nameof(command.Role), e.Description)));
        }

        return new CreatedUser(user.Id, user.Email, user.DisplayName, user.OrganisationId, command.Role!);
    }
}
