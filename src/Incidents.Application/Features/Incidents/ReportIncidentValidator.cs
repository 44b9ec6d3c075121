using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.ReportingLinks;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Incidents;

public sealed class ReportIncidentValidator : AbstractValidator<ReportIncidentCommand>
{
    /// <summary>Clocks differ a little between a reporter's device and the server.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxDataSubjects = 100_000_000;
    public const int MaxContainmentLength = 10_000;

    /// <summary>Complaints and data discrepancies have their own workflows: the kind is refused with where to go.</summary>
    public const string ComplaintKindMessage = "A complaint is not reported as an incident: log it as a complaint (POST /api/complaints, or the page /complaints/log).";

    public const string DiscrepancyKindMessage = "A data discrepancy is not reported as an incident: raise it as a data discrepancy (POST /api/discrepancies, or the page /discrepancies/raise).";

    public ReportIncidentValidator(IIncidentsDb db, ICurrentUser user, TimeProvider time, ReportLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(db);
        RuleLevelCascadeMode = CascadeMode.Stop;
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(lookups);

        RuleFor(c => c.Kind)
            .NotNull().WithMessage("Choose what kind of incident this is.")
            .IsInEnum().WithMessage("Choose a kind of incident from the list.")
            .Must(k => k != IncidentKind.Complaint).WithMessage(ComplaintKindMessage)
            .Must(k => k != IncidentKind.DataDiscrepancy).WithMessage(DiscrepancyKindMessage);

        RuleFor(c => c.DiscoveredAt)
            .NotNull().WithMessage("Enter when the incident was discovered.")
            .Must((c, d) => LondonTime.AsGiven(d!.Value, c.DiscoveredTimeUnknown) <= time.GetUtcNow() + ClockSkew).WithMessage("When it was discovered must be now or in the past.")
            .Must(d => d!.Value.Year >= 2000).WithMessage("Enter a date after 1 January 2000.");

        RuleFor(c => c.Summary)
            .NotEmpty().WithMessage("Enter a summary.")
            .MaximumLength(Incident.SummaryMaxLength).WithMessage($"The summary must be {Incident.SummaryMaxLength} characters or fewer.")
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("The summary must be one line of text.");

        RuleFor(c => c.Description)
            .NotEmpty().WithMessage("Describe what happened.")
            .MaximumLength(Incident.DescriptionMaxLength).WithMessage($"What happened must be {Incident.DescriptionMaxLength:N0} characters or fewer.");

        RuleFor(c => c.ContainmentActions)
            .MaximumLength(MaxContainmentLength).WithMessage($"What has been done must be {MaxContainmentLength:N0} characters or fewer.");

        RuleFor(c => c.DataCategories)
            .Must(c => c is null || c.Count <= DataCategory.All.Count).WithMessage("Too many categories of data.");
        RuleForEach(c => c.DataCategories)
            .Must(DataCategory.IsKnown).WithMessage("Choose categories of data from the list.");

        RuleFor(c => c.ApproximateDataSubjects)
            .InclusiveBetween(0, MaxDataSubjects).WithMessage("The number of people must be between 0 and 100,000,000.");

        // The facts the ICO asks for: the one set of rules (IcoFacts.Check), each problem against its own field.
        RuleFor(c => c).Custom((c, context) =>
        {
            foreach (var (field, message) in c.ReportedFacts().Check(c.DiscoveredAt ?? time.GetUtcNow(), time.GetUtcNow()))
            {
                context.AddFailure(field, message);
            }
        });

        // A report through a reporting link: the reporter says who they are (their email gets their receipt only).
        When(c => c.ViaLink is not null, () =>
        {
            RuleFor(c => c.ViaLink!.Name)
                .NotEmpty().WithMessage("Enter your name.")
                .MaximumLength(200).WithMessage("Your name must be 200 characters or fewer.")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("Your name must be one line of text.")
                .OverridePropertyName("ViaLink.Name");
            RuleFor(c => c.ViaLink!.Role)
                .NotEmpty().WithMessage("Enter your role, for example supply teacher, governor or volunteer.")
                .MaximumLength(Incident.ReporterRoleMaxLength).WithMessage($"Your role must be {Incident.ReporterRoleMaxLength} characters or fewer.")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("Your role must be one line of text.")
                .OverridePropertyName("ViaLink.Role");
            RuleFor(c => c.ViaLink!.Email)
                .NotEmpty().WithMessage("Enter your email address, so that we can send you a receipt.")
                .MaximumLength(Incident.ReporterEmailMaxLength).WithMessage($"Your email address must be {Incident.ReporterEmailMaxLength} characters or fewer.")
                .Must(BeOneAddress).WithMessage("Enter an email address in the correct format, like name@example.com.")
                .OverridePropertyName("ViaLink.Email");
        });

        RuleFor(c => c.CounterpartyOrganisationId)
            .NotNull().WithMessage("Choose the other party to the agreement.")
            .MustAsync(async (command, id, ct) =>
            {
                Guid me;
                if (command.ViaLink is { } via)
                {
                    // An unknown or dead link is the handler's 404, not a complaint about this field.
                    if (await ReportingLinkRules.FindEnabledAsync(db, via.Token, ct) is not { } link)
                    {
                        return true;
                    }

                    me = link.OrganisationId;
                }
                else
                {
                    me = user.OrganisationId;
                }

                // The handler reads the same answer (one query per request).
                return await lookups.AgreementAsync(me, id!.Value, ct) is not null;
            })
            .When(c => c.CounterpartyOrganisationId is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("Choose an organisation your organisation has an information sharing agreement with.");
    }

    /// <summary>One plain address (no display name, no list, no line breaks): it is the receipt's only recipient.</summary>
    private static bool BeOneAddress(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return true;
        }

        var value = email.Trim();
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 3 && value[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"' or '(' or ')' or '[' or ']' or '\\' or ':');
    }
}
