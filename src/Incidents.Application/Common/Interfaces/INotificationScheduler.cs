namespace Incidents.Application.Common.Interfaces;

/// <summary>Asks the job runner to deliver a notification. Only triggers work: the row is the truth, and the
/// reconciler re-asks for any row that is owed and not sent, so a lost request loses nothing.</summary>
public interface INotificationScheduler
{
    void Enqueue(Guid notificationId);

    void Schedule(Guid notificationId, DateTimeOffset at);
}

/// <summary>Asks the job runner to fire a durable timer (any kind), now or at a time. Only triggers work: the row is the
/// truth and the reconciler re-asks for every due, unfired timer, so a lost request loses nothing.</summary>
public interface ITimerScheduler
{
    void Enqueue(Guid timerId);

    void Schedule(Guid timerId, DateTimeOffset at);
}
