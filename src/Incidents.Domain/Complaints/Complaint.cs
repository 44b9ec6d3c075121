using Incidents.Domain.Common;

namespace Incidents.Domain.Complaints;

/// <summary>How a complaint reached the organisation.</summary>
public enum ComplaintChannel
{
    Email,
    Letter,
    Phone,
    InPerson,

    /// <summary>The public complaint form (<c>/complain/{urn}</c>), sent by the complainant themselves.</summary>
    Form,
}

/// <summary>How the complainant was told their complaint had been received and is being looked at.</summary>
public enum AcknowledgementMethod
{
    Email,
    Letter,
    Phone,
    InPerson,
}

public enum ComplaintStatus
{
    /// <summary>Received; the 30-day acknowledgement clock runs.</summary>
    Received,

    /// <summary>Acknowledged; being investigated.</summary>
    Acknowledged,

    /// <summary>An outcome was recorded.</summary>
    Closed,
}

public enum ComplaintOutcome
{
    Upheld,
    PartlyUpheld,
    NotUpheld,
    Withdrawn,
}

/// <summary>
/// A complaint about the use of personal data shared under an agreement (clause 11.1; Data (Use and Access) Act 2025
/// s.103): received by one party (the <see cref="HandlingOrganisationId"/>), acknowledged within 30 London calendar days
/// of receipt (<see cref="ComplaintClock"/>), investigated, and closed with an outcome the complainant is told of.
/// </summary>
public sealed class Complaint
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const int RelationshipMaxLength = 200;
    public const int AboutMaxLength = 300;
    public const int TextMaxLength = 10_000;

    private Complaint()
    {
        Reference = ComplainantName = Relationship = About = Details = DesiredOutcome = LoggedByName = string.Empty;
    }

    public Complaint(
        Guid id, string reference, Guid handlingOrganisationId, Guid? aboutOrganisationId, DateTimeOffset receivedAt, DateTimeOffset loggedAt,
        ComplaintChannel channel, string complainantName, string? complainantEmail, string relationship, string about, string details,
        string desiredOutcome, string? loggedByUserId, string loggedByName, bool receivedTimeUnknown = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(complainantName);
        Id = id;
        Reference = reference;
        HandlingOrganisationId = handlingOrganisationId;
        AboutOrganisationId = aboutOrganisationId == handlingOrganisationId ? null : aboutOrganisationId;
        ReceivedAt = LondonTime.AsGiven(receivedAt, receivedTimeUnknown);
        ReceivedTimeUnknown = receivedTimeUnknown;
        LoggedAt = loggedAt.ToUniversalTime();
        Channel = channel;
        ComplainantName = complainantName;
        ComplainantEmail = string.IsNullOrWhiteSpace(complainantEmail) ? null : complainantEmail.Trim();
        Relationship = relationship;
        About = about;
        Details = details;
        DesiredOutcome = desiredOutcome;
        LoggedByUserId = loggedByUserId;
        LoggedByName = loggedByName;
        AcknowledgeBy = ComplaintClock.AcknowledgeBy(ReceivedAt);
        Status = ComplaintStatus.Received;
    }

    public Guid Id { get; private set; }

    /// <summary>CMP-2026-00001, gapless per London year.</summary>
    public string Reference { get; private set; }

    /// <summary>The party complained to, which handles it (SIL or a school).</summary>
    public Guid HandlingOrganisationId { get; private set; }

    /// <summary>When SIL is complained to about data a school shared with it: that school (told under clause 11.1).</summary>
    public Guid? AboutOrganisationId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Only the day it was received is known ("I do not know the time"): <see cref="ReceivedAt"/> is the start
    /// of that London day.</summary>
    public bool ReceivedTimeUnknown { get; private set; }

    public DateTimeOffset LoggedAt { get; private set; }
    public ComplaintChannel Channel { get; private set; }
    public string ComplainantName { get; private set; }
    public string? ComplainantEmail { get; private set; }
    public string Relationship { get; private set; }
    public string About { get; private set; }
    public string Details { get; private set; }
    public string DesiredOutcome { get; private set; }

    /// <summary>The member of staff who logged it; null for the public form.</summary>
    public string? LoggedByUserId { get; private set; }
    public string LoggedByName { get; private set; }

    /// <summary>UTC; 30 London calendar days after <see cref="ReceivedAt"/>.</summary>
    public DateTimeOffset AcknowledgeBy { get; private set; }

    public ComplaintStatus Status { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>Only the day of the acknowledgement is known: <see cref="AcknowledgedAt"/> is the start of that London day.</summary>
    public bool AcknowledgedTimeUnknown { get; private set; }

    public AcknowledgementMethod? AcknowledgementMethod { get; private set; }
    public string? AcknowledgedBy { get; private set; }

    public string? AssigneeUserId { get; private set; }
    public string? AssigneeName { get; private set; }
    public string? AssigneeEmail { get; private set; }

    public ComplaintOutcome? Outcome { get; private set; }
    public string? OutcomeSummary { get; private set; }
    public DateTimeOffset? OutcomeAt { get; private set; }
    public string? OutcomeBy { get; private set; }

    /// <summary>The breach incident this complaint revealed, when one was raised from it.</summary>
    public Guid? LinkedIncidentId { get; private set; }

    /// <summary>Optimistic concurrency: every change increments it; an edit against an older version is a conflict.</summary>
    public int Version { get; private set; }

    public bool IsOpen => Status != ComplaintStatus.Closed;

    /// <summary>The acknowledgement is owed and its deadline has passed (the one "overdue" rule for complaints).</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == ComplaintStatus.Received && now >= AcknowledgeBy;

    /// <summary>Records the acknowledgement; with <paramref name="timeUnknown"/> only its day is known.</summary>
    public void Acknowledge(DateTimeOffset at, AcknowledgementMethod method, string by, DateTimeOffset now, bool timeUnknown = false)
    {
        if (Status != ComplaintStatus.Received)
        {
            throw new DomainException(Status == ComplaintStatus.Closed ? "This complaint is closed." : "This complaint has already been acknowledged.", "acknowledgedAt");
        }

        at = LondonTime.AsGiven(at, timeUnknown);
        // Forms give minutes: an acknowledgement in the minute the complaint arrived is not before it.
        var receivedMinute = new DateTimeOffset(ReceivedAt.UtcTicks - (ReceivedAt.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var beforeReceived = timeUnknown || ReceivedTimeUnknown ? LondonTime.DateOf(at) < LondonTime.DateOf(ReceivedAt) : at < receivedMinute;
        if (beforeReceived)
        {
            throw new DomainException("The acknowledgement cannot be before the complaint was received.", "acknowledgedAt");
        }

        if (at > now)
        {
            throw new DomainException("The acknowledgement cannot be in the future.", "acknowledgedAt");
        }

        AcknowledgedAt = at;
        AcknowledgedTimeUnknown = timeUnknown;
        AcknowledgementMethod = method;
        AcknowledgedBy = by;
        Status = ComplaintStatus.Acknowledged;
        Version++;
    }

    /// <summary>Closes the complaint. A complaint must be acknowledged before an outcome, unless it was withdrawn.</summary>
    public void RecordOutcome(ComplaintOutcome outcome, string summary, string by, DateTimeOffset now)
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new DomainException("This complaint already has an outcome.", "outcome");
        }

        if (Status == ComplaintStatus.Received && outcome != ComplaintOutcome.Withdrawn)
        {
            throw new DomainException("Acknowledge the complaint before recording its outcome (unless it was withdrawn).", "outcome");
        }

        Outcome = outcome;
        OutcomeSummary = summary;
        OutcomeAt = now.ToUniversalTime();
        OutcomeBy = by;
        Status = ComplaintStatus.Closed;
        Version++;
    }

    public void Assign(string userId, string name, string? email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        AssigneeUserId = userId;
        AssigneeName = name;
        AssigneeEmail = email;
        Version++;
    }

    /// <summary>A change recorded beside the complaint (an action added or done) still moves the version on. Refused
    /// once the complaint is closed.</summary>
    public void Touch()
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new DomainException("This complaint is closed.", "complaint");
        }

        Version++;
    }

    public void LinkIncident(Guid incidentId)
    {
        if (LinkedIncidentId is not null)
        {
            throw new DomainException("A breach incident has already been raised from this complaint.", "incident");
        }

        LinkedIncidentId = incidentId;
        Version++;
    }
}

/// <summary>A dated note on a complaint's investigation (who, when, what).</summary>
public sealed class ComplaintNote
{
    public const int TextMaxLength = 4000;

    private ComplaintNote()
    {
        Text = ByName = ByUserId = string.Empty;
    }

    public ComplaintNote(Guid id, Guid complaintId, DateTimeOffset at, string byUserId, string byName, string text)
    {
        Id = id;
        ComplaintId = complaintId;
        At = at.ToUniversalTime();
        ByUserId = byUserId;
        ByName = byName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ByUserId { get; private set; }
    public string ByName { get; private set; }
    public string Text { get; private set; }
}

/// <summary>The last complaint reference number of a London year, incremented inside the logging transaction (as
/// the incident counter), so a rolled-back complaint leaves no gap and two never share a number.</summary>
public sealed class ComplaintReferenceCounter : IYearCounter
{
    private ComplaintReferenceCounter()
    {
    }

    public ComplaintReferenceCounter(int year, int lastNumber)
    {
        Year = year;
        LastNumber = lastNumber;
    }

    public int Year { get; private set; }
    public int LastNumber { get; private set; }
}

public static class ComplaintReference
{
    public static string Format(int year, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CMP-{year:D4}-{number:D5}");
}

public static class ComplaintWords
{
    public static string Describe(this ComplaintChannel channel) => channel switch
    {
        ComplaintChannel.Email => "Email",
        ComplaintChannel.Letter => "Letter",
        ComplaintChannel.Phone => "Phone",
        ComplaintChannel.InPerson => "In person",
        ComplaintChannel.Form => "Online complaint form",
        _ => channel.ToString(),
    };

    public static string Describe(this AcknowledgementMethod method) => method switch
    {
        AcknowledgementMethod.Email => "Email",
        AcknowledgementMethod.Letter => "Letter",
        AcknowledgementMethod.Phone => "Phone",
        AcknowledgementMethod.InPerson => "In person",
        _ => method.ToString(),
    };

    public static string Describe(this ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "Awaiting acknowledgement",
        ComplaintStatus.Acknowledged => "Acknowledged, being investigated",
        ComplaintStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Describe(this ComplaintOutcome outcome) => outcome switch
    {
        ComplaintOutcome.Upheld => "Upheld",
        ComplaintOutcome.PartlyUpheld => "Partly upheld",
        ComplaintOutcome.NotUpheld => "Not upheld",
        ComplaintOutcome.Withdrawn => "Withdrawn",
        _ => outcome.ToString(),
    };
}

/// <summary>An action of a complaint's investigation, with an owner and a due date: the same rules as an incident's
/// actions (<see cref="OwnedAction"/>), so "overdue" means the same on both.</summary>
public sealed class ComplaintAction : OwnedAction
{
    private ComplaintAction()
    {
    }

    public ComplaintAction(Guid id, Guid complaintId, string description, string assignedTo, DateOnly? dueDate, string createdBy, DateTimeOffset createdAt)
        : base(id, description, assignedTo, dueDate, createdBy, createdAt)
    {
        ComplaintId = complaintId;
    }

    public Guid ComplaintId { get; private set; }
}
