using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Notifications;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>Who is told of a report and what their notice says (issue 13), and the templates SIL's DPO edits.</summary>
public sealed class NoticeTests : IAsyncLifetime
{
    private const string Description = "A spreadsheet with names and UPNs of a Year 4 class";
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_reporter_gets_a_receipt_and_their_own_officers_are_told_once_each_without_the_description()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var result = await staff.ReportAsync(Api.Breach());

        var messages = await _smtp.WaitForAsync(4, m => (m.Subject ?? string.Empty).Contains(result.Reference, StringComparison.Ordinal));
        await Task.Delay(1500);
        var all = _smtp.Messages.Where(m => (m.Subject ?? string.Empty).Contains(result.Reference, StringComparison.Ordinal)).ToList();
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "staff@merseyvale.test"],
            all.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());

        var receipt = Assert.Single(_smtp.MessagesTo("staff@merseyvale.test"));
        Assert.StartsWith($"[{result.Reference}] Your report has been received", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains("this is your receipt", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("What happens next", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://incidents.example.org/incidents/{result.Id}", receipt.TextBody, StringComparison.Ordinal);

        var own = Assert.Single(_smtp.MessagesTo("officer@merseyvale.test"));
        Assert.Contains("You are a designated officer of Mersey Vale Primary School, which reported it", own.TextBody, StringComparison.Ordinal);
        var counterparty = Assert.Single(_smtp.MessagesTo("officer@sil.test"));
        Assert.Contains("clause 11.4", counterparty.TextBody, StringComparison.Ordinal);
        var dpo = Assert.Single(_smtp.MessagesTo("dpo@sil.test"));
        Assert.Contains("clause 11.5", dpo.TextBody, StringComparison.Ordinal);
        Assert.Contains("Triage it", dpo.TextBody, StringComparison.Ordinal);

        foreach (var message in all)
        {
            Assert.Contains("Breach of confidentiality, Mersey Vale Primary School", message.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain(Description, message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(Description, message.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("asked to delete it", message.TextBody, StringComparison.Ordinal);
        }

        Assert.Contains("ICO deadline", counterparty.Subject, StringComparison.Ordinal);
        Assert.Contains(result.Notified, n => n.Email == "staff@merseyvale.test" && n.Reason == RecipientReason.Reporter && n.Type == NotificationType.IncidentReceipt);
        Assert.Contains(result.Notified, n => n.Email == "officer@merseyvale.test" && n.Reason == RecipientReason.OwnOfficer && n.Organisation == "Mersey Vale Primary School");

        var incident = await Wait.UntilAsync(() => staff.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "all sent");
        Assert.All(incident.Notifications, n => Assert.Equal(0, n.TemplateVersion));
    }

    [Fact]
    public async Task The_confirmation_page_names_each_recipient_with_their_role_and_organisation()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var result = await staff.ReportAsync(Api.Breach());
        var browser = await _app.SignInWithCookieAsync("staff@merseyvale.test");

        var html = await browser.GetStringAsync(new Uri($"/incidents/{result.Id}/reported", UriKind.Relative));

        Assert.Contains("designated officer of the other party (clause 11.4)", html, StringComparison.Ordinal);
        Assert.Contains("SIL&#x27;s data protection officer (clause 11.5)", html, StringComparison.Ordinal);
        Assert.Contains("designated officer of the reporting organisation", html, StringComparison.Ordinal);
        Assert.Contains("the reporter (a receipt)", html, StringComparison.Ordinal);
        Assert.Contains("School Improvement Liverpool", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_edit_changes_the_next_notice_and_not_earlier_ones_and_can_be_reverted()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var before = await staff.ReportAsync(Api.Breach());
        await _smtp.WaitForAsync(4, m => (m.Subject ?? string.Empty).Contains(before.Reference, StringComparison.Ordinal));

        var put = await dpo.PutAsJsonAsync("/api/notice-templates/IncidentReported", new
        {
            subject = "Edited: {{ incident.reference }} at {{ incident.school }}",
            body = "Dear {{ recipient.name }},\n\nEdited notice for {{ incident.reference }}.\n\nWhat happened: {{ incident.description }}\n\n{{ link | link_to: \"Open it\" }}\n",
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await put.Content.ReadFromJsonAsync<NoticeTemplateView>(Api.Json);
        Assert.Equal(1, saved!.Version);
        Assert.False(saved.IsDefault);

        var after = await staff.ReportAsync(Api.Breach());
        var edited = await _smtp.WaitForAsync(3, m => (m.Subject ?? string.Empty).StartsWith($"Edited: {after.Reference}", StringComparison.Ordinal));
        Assert.All(edited, m => Assert.Contains(Description, m.TextBody, StringComparison.Ordinal));
        Assert.Single(await _smtp.WaitForAsync(1, m => (m.Subject ?? string.Empty).Contains(after.Reference, StringComparison.Ordinal) && (m.Subject ?? string.Empty).Contains("Your report", StringComparison.Ordinal)));
        Assert.DoesNotContain(_smtp.Messages, m => (m.Subject ?? string.Empty).StartsWith($"Edited: {before.Reference}", StringComparison.Ordinal));

        var earlier = await staff.GetIncidentAsync(before.Id);
        var later = await Wait.UntilAsync(() => staff.GetIncidentAsync(after.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "all sent");
        Assert.All(earlier.Notifications, n => Assert.Equal(0, n.TemplateVersion));
        Assert.All(later.Notifications.Where(n => n.Type == NotificationType.IncidentReported), n => Assert.Equal(1, n.TemplateVersion));

        var list = await dpo.GetFromJsonAsync<List<NoticeTemplateView>>("/api/notice-templates", Api.Json);
        Assert.Equal(Enum.GetValues<NotificationType>().Length, list!.Count);
        Assert.Equal(1, list.Single(t => t.Type == NotificationType.IncidentReported).Version);
        Assert.Contains("incident.description", list.Single(t => t.Type == NotificationType.IncidentReported).Fields);

        var revert = await dpo.PostAsync(new Uri("/api/notice-templates/IncidentReported/revert", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        var reverted = await revert.Content.ReadFromJsonAsync<NoticeTemplateView>(Api.Json);
        Assert.Equal(2, reverted!.Version);
        Assert.True(reverted.IsDefault);
        var third = await staff.ReportAsync(Api.Breach());
        var back = await _smtp.WaitForAsync(3, m => (m.Subject ?? string.Empty).StartsWith($"[{third.Reference}] Breach of confidentiality", StringComparison.Ordinal));
        Assert.All(back, m => Assert.DoesNotContain(Description, m.TextBody, StringComparison.Ordinal));

        var audit = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("NoticeTemplate")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["NoticeTemplateEdited", "NoticeTemplateReverted"], audit);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_or_names_an_unknown_field_is_refused_with_the_line_and_column()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");

        var bad = await dpo.PutAsJsonAsync("/api/notice-templates/IncidentReported", new
        {
            subject = "[{{ incident.reference }}]",
            body = "Dear {{ recipient.name }},\n\n{% if incident.is_breach %}\nA breach.\n",
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var error = problem.RootElement.GetProperty("templateErrors")[0];
        Assert.Equal("body", error.GetProperty("field").GetString());
        Assert.True(error.GetProperty("line").GetInt32() >= 3);
        Assert.True(error.GetProperty("column").GetInt32() >= 1);
        Assert.Contains("line", problem.RootElement.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);

        var unknown = await dpo.PutAsJsonAsync("/api/notice-templates/IncidentReported", new { subject = "{{ incident.pupil_names }}", body = "Hello" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var second = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        var field = second.RootElement.GetProperty("templateErrors")[0];
        Assert.Equal("subject", field.GetProperty("field").GetString());
        Assert.Equal(1, field.GetProperty("line").GetInt32());
        Assert.Equal(4, field.GetProperty("column").GetInt32());

        var list = await dpo.GetFromJsonAsync<List<NoticeTemplateView>>("/api/notice-templates", Api.Json);
        Assert.All(list!, t => Assert.Equal(0, t.Version));
    }

    [Fact]
    public async Task Staff_and_officers_may_not_read_or_change_the_templates()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var officer = await _app.SignInAsync("officer@sil.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(new Uri("/api/notice-templates", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/notice-templates/IncidentReported", new { subject = "x", body = "y" })).StatusCode);
    }

    [Fact]
    public async Task The_preview_renders_an_unsaved_template_with_a_real_incident()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var result = await staff.ReportAsync(Api.Breach(summary: "Summary <script>x</script>"));

        var response = await dpo.PostAsJsonAsync("/api/notice-templates/IncidentReported/preview", new
        {
            subject = "{{ incident.reference }}",
            body = "{{ incident.summary }} for {{ recipient.role }}",
            incidentReference = result.Reference,
            @as = "Dpo",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<NoticePreview>(Api.Json);
        Assert.Equal(result.Reference, preview!.Subject);
        Assert.Contains("Summary <script>x</script> for SIL's data protection officer", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Summary &lt;script&gt;x&lt;/script&gt;", preview.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_notice_is_resent_once_to_the_corrected_contact_and_its_alert_is_resolved()
    {
        _smtp.Reject("officer@sil.test");
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var result = await staff.ReportAsync(Api.Breach());
        var failed = result.Notified.Single(n => n.Email == "officer@sil.test");
        await Wait.UntilAsync(() => staff.GetIncidentAsync(result.Id), i => i.Notifications.Any(n => n.Id == failed.NotificationId && n.Status == NotificationStatus.Failed), what: "the notice failed");
        var failure = await _smtp.WaitForAsync(1, m => (m.Subject ?? string.Empty).Contains("could not be delivered", StringComparison.Ordinal));
        Assert.Contains($"https://incidents.example.org/notifications/{failed.NotificationId}", failure[0].TextBody, StringComparison.Ordinal);

        var organisations = await dpo.GetFromJsonAsync<List<Application.Features.Organisations.OrganisationView>>("/api/organisations", Api.Json);
        var contact = organisations!.SelectMany(o => o.Contacts).Single(c => c.Email == "officer@sil.test");
        var put = await dpo.PutAsJsonAsync($"/api/contacts/{contact.Id}", new { name = "Sam Officer", email = "sam.officer@sil.test", role = "DesignatedOfficer", active = true });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var resend = await dpo.PostAsync(new Uri($"/api/notifications/{failed.NotificationId}/resend", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, resend.StatusCode);
        var again = await dpo.PostAsync(new Uri($"/api/notifications/{failed.NotificationId}/resend", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var delivered = await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == "sam.officer@sil.test"));
        await Task.Delay(1000);
        Assert.Single(_smtp.MessagesTo("sam.officer@sil.test"));
        Assert.Contains(result.Reference, delivered[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith("Dear Sam Officer,", delivered[0].TextBody, StringComparison.Ordinal);

        var incident = await Wait.UntilAsync(() => dpo.GetIncidentAsync(result.Id), i => i.Notifications.Any(n => n.ResendOfNotificationId == failed.NotificationId && n.Status == NotificationStatus.Sent), what: "the resend sent");
        Assert.Equal(NotificationStatus.Failed, incident.Notifications.Single(n => n.Id == failed.NotificationId).Status);
        Assert.Equal("officer@sil.test", incident.Notifications.Single(n => n.Id == failed.NotificationId).RecipientEmail);
        var alert = Assert.Single(incident.Alerts, a => a.NotificationId == failed.NotificationId);
        Assert.NotNull(alert.ResolvedAt);

        // The page the failure email links to shows both, and offers no second resend.
        var browser = await _app.SignInWithCookieAsync("dpo@sil.test");
        var page = await browser.GetStringAsync(new Uri($"/notifications/{failed.NotificationId}", UriKind.Relative));
        Assert.Contains("the new notice", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Resend", page, StringComparison.Ordinal);
        // A tab opened before the resend that sends it again is told so in those words, not as a lost edit.
        var stale = await browser.PostFormAsync($"/notifications/{failed.NotificationId}?handler=Resend", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("This notice has already been resent.", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var staffResend = await staff.PostAsync(new Uri($"/api/notifications/{failed.NotificationId}/resend", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, staffResend.StatusCode);
    }

    [Fact]
    public async Task An_inactive_contact_gets_no_new_notices()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var organisations = await dpo.GetFromJsonAsync<List<Application.Features.Organisations.OrganisationView>>("/api/organisations", Api.Json);
        var contact = organisations!.SelectMany(o => o.Contacts).Single(c => c.Email == "officer@merseyvale.test");
        var put = await dpo.PutAsJsonAsync($"/api/contacts/{contact.Id}", new { name = contact.Name, email = contact.Email, role = "DesignatedOfficer", active = false });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var bad = await dpo.PutAsJsonAsync($"/api/contacts/{contact.Id}", new { name = contact.Name, email = "not an address", role = "Dpo", active = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var result = await staff.ReportAsync(Api.Breach());

        Assert.DoesNotContain(result.Notified, n => n.Email == "officer@merseyvale.test");
        Assert.Equal(3, result.Notified.Count);
    }

    [Fact]
    public async Task A_failed_suspension_notice_is_shown_on_the_agreement_page()
    {
        _smtp.Reject("officer@merseyvale.test");
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var agreementId = Infrastructure.Startup.DemoData.AgreementIdFor(Infrastructure.Startup.DemoData.MerseyValeId);
        var suspend = await dpo.PostAsJsonAsync($"/api/agreements/{agreementId}/suspensions", new { reason = "Serious breach of security", evidence = "Logs", incidentIds = new[] { incident.Id } });
        Assert.Equal(HttpStatusCode.Created, suspend.StatusCode);

        var agreement = await Wait.UntilAsync(
            async () => (await dpo.GetFromJsonAsync<Application.Features.Agreements.AgreementDetails>($"/api/agreements/{agreementId}", Api.Json))!,
            a => a.Notices!.Any(n => n.Type == NotificationType.AgreementSuspended && n.Status == NotificationStatus.Failed), what: "the suspension notice failed");
        var failed = agreement.Notices!.Single(n => n.Status == NotificationStatus.Failed);
        Assert.Equal("officer@merseyvale.test", failed.RecipientEmail);
        Assert.NotEmpty(failed.Alerts);

        var browser = await _app.SignInWithCookieAsync("dpo@sil.test");
        var page = await browser.GetStringAsync(new Uri($"/agreements/{agreementId}", UriKind.Relative));
        Assert.Contains("officer@merseyvale.test", page, StringComparison.Ordinal);
        Assert.Contains($"/notifications/{failed.Id}", page, StringComparison.Ordinal);
        Assert.Contains("Failed", page, StringComparison.Ordinal);

        var staffView = await staff.GetFromJsonAsync<Application.Features.Agreements.AgreementDetails>($"/api/agreements/{agreementId}", Api.Json);
        Assert.Empty(staffView!.Notices!);
    }
}
