namespace Incidents.Application.Common.Interfaces;

/// <summary>Asks the job runner to deliver a notification. Only triggers work: the row is the truth, and the
/// reconciler re-asks for any row that is owed and not sent, so a lost request loses nothing.</summary>
public interface INotificationScheduler
{
    void Enqueue(Guid notificationId);

    void Schedule(Guid notificationId, DateTimeOffset at);
}

/// <summary>Asks the job runner to fire an ICO reminder timer. The row is the truth; the reconciler covers losses.</summary>
public interface IReminderScheduler
{
    void Enqueue(Guid reminderId);

    void Schedule(Guid reminderId, DateTimeOffset at);
}

/// <summary>Asks the job runner to fire a suspension timer (a reminder or the reinstatement).</summary>
public interface ISuspensionTimerScheduler
{
    void Enqueue(Guid timerId);

    void Schedule(Guid timerId, DateTimeOffset at);
}
