namespace Incidents.Web.Pages.Complaints;

/// <summary>Words for a complaint's audit steps.</summary>
public static class ComplaintDisplay
{
    public static string Step(string action) => action switch
    {
        "ComplaintReceived" => "received",
        "ComplaintAcknowledged" => "acknowledged",
        "ComplaintOutcome" => "outcome recorded",
        "ComplaintAssigned" => "assigned",
        "ComplaintNoteAdded" => "note added",
        "ComplaintActionAdded" => "action added",
        "ComplaintActionCompleted" => "action done",
        "BreachRaised" => "breach incident reported",
        "ComplaintReminderSent" => "acknowledgement reminder sent",
        _ => "changed",
    };
}
