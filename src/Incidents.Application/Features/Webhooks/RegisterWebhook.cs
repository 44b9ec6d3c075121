using FluentValidation;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Webhooks;
using Mediator;

namespace Incidents.Application.Features.Webhooks;

/// <summary>An administrator registers a data-transfer system's endpoint for some events. With no secret given one is
/// generated (<c>whsec_</c> + base64 of 32 random bytes); either way it is answered once and stored only protected.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage webhooks.")]
public sealed record RegisterWebhookCommand(string? Url, IReadOnlyList<string>? Events, string? Secret = null, string? Description = null) : IRequest<RegisteredWebhook>;

public sealed record RegisteredWebhook(Guid Id, string Url, IReadOnlyList<string> Events, string Secret);

public sealed class RegisterWebhookValidator : AbstractValidator<RegisterWebhookCommand>
{
    public RegisterWebhookValidator(WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Url).NotEmpty().WithMessage("Enter the endpoint's address.")
            .MaximumLength(WebhookEndpoint.UrlMaxLength)
            .Must(u => WebhookTargets.Problem(u, settings) is null).WithMessage(c => WebhookTargets.Problem(c.Url, settings)!);
        RuleFor(c => c.Events).NotEmpty().WithMessage("Choose at least one event.")
            .Must(e => e!.All(x => WebhookEvents.All.Contains(x, StringComparer.Ordinal)))
            .WithMessage($"Each event must be one of: {string.Join(", ", WebhookEvents.All)}.");
        RuleFor(c => c.Secret).Must(WebhookSecret.IsValid).When(c => !string.IsNullOrEmpty(c.Secret))
            .WithMessage($"A secret is {WebhookSecret.Prefix} followed by base64 of {WebhookSecret.MinBytes} to {WebhookSecret.MaxBytes} random bytes; leave it out to have one made.");
        RuleFor(c => c.Description).MaximumLength(WebhookEndpoint.DescriptionMaxLength)
            .Must(d => d is null || !d.Any(char.IsControl)).WithMessage("The description must be one line.");
    }
}

public sealed class RegisterWebhookHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, IWebhookSecretProtector protector, TimeProvider time)
    : IRequestHandler<RegisterWebhookCommand, RegisteredWebhook>
{
    public async ValueTask<RegisteredWebhook> Handle(RegisterWebhookCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var secret = string.IsNullOrEmpty(command.Secret) ? WebhookSecret.Generate() : command.Secret;
        var endpoint = new WebhookEndpoint(Guid.CreateVersion7(now), new Uri(command.Url!), command.Events!, protector.Protect(secret),
            command.Description?.Trim() ?? string.Empty, user.DisplayName, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Set<WebhookEndpoint>().Add(endpoint);
            await audit.AppendAsync(null, "WebhookRegistered", null, new { EndpointId = endpoint.Id, endpoint.Url, Events = endpoint.EventList }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new RegisteredWebhook(endpoint.Id, endpoint.Url, endpoint.EventList, secret);
    }
}

