using FluentValidation;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;

namespace Incidents.Application.Features.Triage;

/// <summary>Records telling the people affected (Art. 34): when, how and how many, or the exception relied on.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may record telling the people affected.")]
public sealed record RecordDataSubjectNoticeCommand(
    Guid IncidentId,
    int? Version,
    DateTimeOffset? NotifiedAt,
    NoticeMethod? Method,
    int? PeopleNotified,
    NoticeException? Exception,
    string? Notes) : IRequest<RecordedResult>;

public sealed class RecordDataSubjectNoticeValidator : AbstractValidator<RecordDataSubjectNoticeCommand>
{
    public RecordDataSubjectNoticeValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.Method).IsInEnum();
        RuleFor(c => c.Exception).IsInEnum();
        RuleFor(c => c.Notes).MaximumLength(10_000);
        When(c => c.Exception is null, () =>
        {
            RuleFor(c => c.NotifiedAt).NotNull().WithMessage("Enter when people were told, or the exception relied on.")
                .Must(n => n <= time.GetUtcNow() + TimeSpan.FromMinutes(5)).WithMessage("When people were told must be in the past.");
            RuleFor(c => c.Method).NotNull().WithMessage("Say how people were told.");
            RuleFor(c => c.PeopleNotified).NotNull().WithMessage("Say how many people were told.").InclusiveBetween(0, 100_000_000);
        });
        When(c => c.Exception is not null, () =>
        {
            RuleFor(c => c.Notes).NotEmpty().WithMessage("Explain why the exception applies.");
            RuleFor(c => c.PeopleNotified).InclusiveBetween(0, 100_000_000);
        });
    }
}

public sealed class RecordDataSubjectNoticeHandler(IncidentEditor editor, Common.Interfaces.IIncidentsDb db)
    : IRequestHandler<RecordDataSubjectNoticeCommand, RecordedResult>
{
    public async ValueTask<RecordedResult> Handle(RecordDataSubjectNoticeCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var id = Guid.Empty;
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, (incident, now) =>
        {
            incident.EnsureOpen();
            if (incident.Decision != DecisionOutcome.ReportToIcoAndDataSubjects && c.Exception is null)
            {
                throw RecordIcoFilingHandler.Invalid(nameof(c.Exception),
                    "Telling the people affected follows a decision to report to the ICO and the data subjects; otherwise record the exception relied on.");
            }

            var notice = new DataSubjectNotice(Guid.CreateVersion7(now), incident.Id, c.NotifiedAt, c.Method, c.PeopleNotified, c.Exception, c.Notes?.Trim(), editor.ActorName, now);
            db.DataSubjectNotices.Add(notice);
            incident.Touch();
            id = notice.Id;
            return Task.FromResult(new IncidentEditor.Change("DataSubjectNoticeRecorded", null, new { notice.NotifiedAt, notice.Method, notice.PeopleNotified, notice.Exception }));
        }, cancellationToken);
        return new RecordedResult(id, c.IncidentId, version);
    }
}
