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

[RequiresRole(Roles.Admin, Message = "Only an administrator may add a contact.")]
public sealed record AddContactCommand(Guid OrganisationId, string? Name, string? Email, ContactRole? Role) : IRequest<Guid>;

[RequiresRole(Roles.Admin, Message = "Only an administrator may create an agreement.")]
public sealed record CreateAgreementCommand(Guid? SchoolOrganisationId, int? Version, DateOnly? StartDate) : IRequest<Guid>;

[RequiresRole(Roles.Admin, Message = "Only an administrator may change an agreement.")]
public sealed record UpdateAgreementCommand(Guid AgreementId, int? Version, DateOnly? StartDate, bool Terminate = false) : IRequest<Guid>;

[RequiresRole(Roles.Admin, Message = "Only an administrator may create an API key.")]
public sealed record CreateApiKeyCommand(string? Name) : IRequest<CreatedApiKey>;

public sealed record CreatedApiKey(Guid Id, string Name, string Key, string Hint);

[RequiresRole(Roles.Admin, Message = "Only an administrator may revoke an API key.")]
public sealed record RevokeApiKeyCommand(Guid Id) : IRequest<Guid>;

[RequiresRole(Roles.Admin, Message = "Only an administrator may list API keys.")]
public sealed record ListApiKeysQuery : IRequest<IReadOnlyList<ApiKeyView>>;

public sealed record ApiKeyView(Guid Id, string Name, string Hint, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

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

public sealed class CreateAgreementValidator : AbstractValidator<CreateAgreementCommand>
{
    public CreateAgreementValidator()
    {
        RuleFor(c => c.SchoolOrganisationId).NotNull();
        RuleFor(c => c.Version).NotNull().InclusiveBetween(1, 1000);
        RuleFor(c => c.StartDate).NotNull().Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real start date.");
    }
}

public sealed class UpdateAgreementValidator : AbstractValidator<UpdateAgreementCommand>
{
    public UpdateAgreementValidator()
    {
        RuleFor(c => c.Version).NotNull().InclusiveBetween(1, 1000);
        RuleFor(c => c.StartDate).NotNull().Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real start date.");
    }
}

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
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

public sealed class ListApiKeysHandler(IIncidentsDb db) : IRequestHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyView>>
{
    public async ValueTask<IReadOnlyList<ApiKeyView>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Hint, k.CreatedBy, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }
}
