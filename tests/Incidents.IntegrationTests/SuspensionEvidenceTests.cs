using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incidents.Application.Features.Agreements;
using Incidents.Application.Features.Evidence;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>Clause 10: files of evidence on a suspension, by the same rules as an incident's evidence; seen only by those
/// who may see the suspension's evidence; audited in the agreement's chain.</summary>
public sealed partial class SuspensionEvidenceTests : IAsyncLifetime
{
    private static readonly Guid MerseyValeAgreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "4096" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> SuspendAsync()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var response = await dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Pupil data sent to the wrong parent twice", incidentIds = new[] { incident.Id } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SuspensionCreated>(Api.Json))!.Id;
    }

    private static string Url(Guid suspensionId) => $"/api/agreements/{MerseyValeAgreement}/suspensions/{suspensionId}/attachments";

    [Fact]
    public async Task An_officer_of_a_party_attaches_evidence_its_hash_is_in_the_agreements_audit_chain_and_it_downloads_as_an_attachment()
    {
        var suspension = await SuspendAsync();
        var officer = await _app.SignInAsync("officer@merseyvale.test");

        var response = await officer.PostAsync(new Uri(Url(suspension), UriKind.Relative), File(Pdf, "emails to the wrong parent.pdf"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<AttachmentView>(Api.Json))!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), added.Sha256);
        Assert.Equal($"{Url(suspension)}/{added.Id}", response.Headers.Location?.OriginalString);

        var dpo = await _app.SignInAsync("dpo@sil.test");
        var listed = await dpo.GetFromJsonAsync<List<AttachmentView>>(Url(suspension), Api.Json);
        Assert.Equal(added.Sha256, Assert.Single(listed!).Sha256);

        var download = await dpo.GetAsync(new Uri($"{Url(suspension)}/{added.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        using var audit = JsonDocument.Parse(await dpo.GetStringAsync(new Uri($"/api/agreements/{MerseyValeAgreement}/audit", UriKind.Relative)));
        var entry = audit.RootElement.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "SuspensionAttachmentAdded");
        Assert.Contains(added.Sha256, entry.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains(suspension.ToString(), entry.GetProperty("after").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True((await dpo.GetFromJsonAsync<JsonElement>("/api/audit/verify", Api.Json)).GetProperty("valid").GetBoolean());

        var agreement = await dpo.GetFromJsonAsync<JsonElement>($"/api/agreements/{MerseyValeAgreement}", Api.Json);
        Assert.Equal(1, agreement.GetProperty("currentSuspension").GetProperty("details").GetProperty("evidenceFiles").GetInt32());
    }

    [Fact]
    public async Task Only_those_who_may_see_the_suspensions_evidence_see_its_files_and_only_the_parties_add_to_them()
    {
        var suspension = await SuspendAsync();
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var added = (await (await dpo.PostAsync(new Uri(Url(suspension), UriKind.Relative), File(Pdf, "a.pdf"))).Content.ReadFromJsonAsync<AttachmentView>(Api.Json))!;
        var download = $"{Url(suspension)}/{added.Id}";

        foreach (var email in new[] { "staff@merseyvale.test", "officer@brambledown.test", "staff@sil.test" })
        {
            var other = await _app.SignInAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri(Url(suspension), UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri(download, UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignInAsync("officer@brambledown.test")).PostAsync(new Uri(Url(suspension), UriKind.Relative), File(Pdf, "b.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.SignInAsync("staff@merseyvale.test")).PostAsync(new Uri(Url(suspension), UriKind.Relative), File(Pdf, "b.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignInAsync("officer@sil.test")).GetAsync(new Uri(download, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.GetAsync(new Uri($"/api/agreements/{MerseyValeAgreement}/suspensions/{Guid.NewGuid()}/attachments", UriKind.Relative))).StatusCode);
        // An incident's attachment id is not a suspension's.
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var incidentFile = (await (await staff.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(Pdf, "c.pdf"))).Content.ReadFromJsonAsync<AttachmentView>(Api.Json))!;
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.GetAsync(new Uri($"{Url(suspension)}/{incidentFile.Id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_same_rules_as_an_incidents_evidence_refuse_a_file_by_its_content_and_by_the_limit()
    {
        var suspension = await SuspendAsync();
        var dpo = await _app.SignInAsync("dpo@sil.test");

        var program = await dpo.PostAsync(new Uri(Url(suspension), UriKind.Relative), File([0x4D, 0x5A, 0x90, 0x00, 0x03], "evidence.pdf"));
        var big = await dpo.PostAsync(new Uri(Url(suspension), UriKind.Relative), File(Encoding.ASCII.GetBytes(new string('a', 5000)), "big.txt"));
        var notMultipart = await dpo.PostAsJsonAsync(Url(suspension), new { file = "JVBERi0=" });

        Assert.Equal(HttpStatusCode.BadRequest, program.StatusCode);
        Assert.Contains("must be a PDF", await program.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("smaller than 4 KB", await big.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
        Assert.Empty((await dpo.GetFromJsonAsync<List<AttachmentView>>(Url(suspension), Api.Json))!);
    }

    [Fact]
    public async Task The_suspensions_evidence_page_uploads_without_javascript_and_shows_the_hash()
    {
        var suspension = await SuspendAsync();
        var browser = await _app.SignInWithCookieAsync("officer@merseyvale.test");
        var agreementPage = await browser.GetStringAsync(new Uri($"/agreements/{MerseyValeAgreement}", UriKind.Relative));
        var path = $"/agreements/{MerseyValeAgreement}/suspensions/{suspension}/evidence";
        Assert.Contains($"href=\"{path}\"", agreementPage, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        var token = Token().Match(page).Groups[1].Value;

        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", "evidence.pdf");
        var posted = await browser.PostAsync(new Uri(path, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var shown = await (await browser.GetAsync(posted.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Pdf)), shown, StringComparison.Ordinal);
        Assert.Contains($"/api/agreements/{MerseyValeAgreement}/suspensions/{suspension}/attachments/", shown, StringComparison.Ordinal);

        var refusedForm = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent([0x4D, 0x5A, 0x90, 0]), "Upload", "setup.pdf" } };
        var refused = await (await browser.PostAsync(new Uri(path, UriKind.Relative), refusedForm)).Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", refused, StringComparison.Ordinal);
        Assert.Contains("href=\"#Upload\"", refused, StringComparison.Ordinal);

        // Staff of the school see the agreement but not the suspension's evidence: no link, and the page is not found.
        var staff = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        Assert.DoesNotContain(path, await staff.GetStringAsync(new Uri($"/agreements/{MerseyValeAgreement}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
