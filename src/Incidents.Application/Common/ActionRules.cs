using FluentValidation;
using Incidents.Domain.Common;

namespace Incidents.Application.Common;

/// <summary>The input rules of an action (<see cref="OwnedAction"/>), whether it is on an incident or a complaint.</summary>
public static class ActionRules
{
    public static IRuleBuilderOptions<T, string?> ActionDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Describe the action.")
            .MaximumLength(OwnedAction.DescriptionMaxLength).WithMessage($"The action must be {OwnedAction.DescriptionMaxLength:N0} characters or fewer.");

    public static IRuleBuilderOptions<T, string?> ActionOwner<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Say who will do it.")
            .MaximumLength(OwnedAction.AssignedToMaxLength).WithMessage($"Who will do it must be {OwnedAction.AssignedToMaxLength} characters or fewer.")
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("Who will do it must be one line.");

    public static IRuleBuilderOptions<T, DateOnly?> ActionDueDate<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Enter a real due date.");

    public static IRuleBuilderOptions<T, string?> ActionNote<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(OwnedAction.NoteMaxLength).WithMessage($"The note must be {OwnedAction.NoteMaxLength:N0} characters or fewer.");
}
