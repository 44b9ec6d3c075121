using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incidents.Application.Features.Evidence;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>Evidence attachments (issue 15): type by content, SHA-256, size limit, the visibility rule, download headers, audit.</summary>
public sealed partial class EvidenceTests : IAsyncLifetime
{
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task An_upload_answers_its_sha256_is_audited_and_downloads_as_an_attachment_never_inline()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());

        var response = await staff.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(Pdf, "letter from the parent.pdf"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<AttachmentView>(Api.Json))!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), added.Sha256);
        Assert.Equal(Pdf.Length, added.Size);
        Assert.Equal("letter from the parent.pdf", added.FileName);
        Assert.Equal($"/api/incidents/{incident.Id}/attachments/{added.Id}", response.Headers.Location?.OriginalString);

        var listed = await staff.GetFromJsonAsync<List<AttachmentView>>($"/api/incidents/{incident.Id}/attachments", Api.Json);
        Assert.Equal(added.Sha256, Assert.Single(listed!).Sha256);

        var download = await staff.GetAsync(new Uri($"/api/incidents/{incident.Id}/attachments/{added.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("letter from the parent.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        var audit = await staff.GetStringAsync(new Uri($"/api/incidents/{incident.Id}/audit", UriKind.Relative));
        using var entries = JsonDocument.Parse(audit);
        var entry = entries.RootElement.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "AttachmentAdded");
        Assert.Contains(added.Sha256, entry.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("actorName").GetString()));
    }

    [Theory]
    [InlineData("MZ", "invoice.pdf")]
    [InlineData("<!DOCTYPE html><script>alert(1)</script>", "notes.txt")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "photo.png")]
    public async Task A_file_that_is_not_what_its_name_says_is_refused_by_its_content(string start, string name)
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var bytes = Encoding.ASCII.GetBytes(start).Concat(new byte[] { 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 }).ToArray();
        if (!start.StartsWith("MZ", StringComparison.Ordinal))
        {
            bytes = Encoding.ASCII.GetBytes(start);
        }

        var response = await staff.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(bytes, name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("must be a PDF", problem.RootElement.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await staff.GetFromJsonAsync<List<AttachmentView>>($"/api/incidents/{incident.Id}/attachments", Api.Json))!);
    }

    [Fact]
    public async Task Office_documents_and_outlook_messages_are_told_apart_by_their_insides()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());

        async Task<(HttpStatusCode Status, string Body)> Upload(byte[] bytes, string name)
        {
            var response = await staff.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(bytes, name));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var docx = await Upload(Zip("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), "statement.docx");
        Assert.Equal(HttpStatusCode.Created, docx.Status);
        Assert.Contains("\"type\":\"Docx\"", docx.Body, StringComparison.Ordinal);
        var xlsx = await Upload(Zip("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), "class list");
        Assert.Equal(HttpStatusCode.Created, xlsx.Status);
        Assert.Contains("\"fileName\":\"class list.xlsx\"", xlsx.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(Zip("application/java-archive"), "tool.docx")).Status);

        byte[] cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
        Assert.Equal(HttpStatusCode.Created, (await Upload([.. cfb, .. Encoding.Unicode.GetBytes("__properties_version1.0")], "email.msg")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload([.. cfb, .. Encoding.Unicode.GetBytes("WordDocument")], "old.msg")).Status);

        var eml = await Upload(Encoding.UTF8.GetBytes("From: a@example.org\r\nTo: b@example.org\r\nSubject: The list\r\n\r\nSee attached.\r\n"), "mail.eml");
        Assert.Contains("\"type\":\"Eml\"", eml.Body, StringComparison.Ordinal);
        var csv = await Upload(Encoding.UTF8.GetBytes("name,upn\nAda,A123\n"), "list.csv");
        Assert.Contains("\"type\":\"Csv\"", csv.Body, StringComparison.Ordinal);
        var png = await Upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "screen.png");
        Assert.Equal(HttpStatusCode.Created, png.Status);
        var jpeg = await Upload([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "photo.jpg");
        Assert.Equal(HttpStatusCode.Created, jpeg.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload([], "empty.txt")).Status);
    }

    [Fact]
    public async Task Another_schools_attachment_is_a_404_to_list_download_or_add_to()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var added = (await (await staff.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(Pdf, "a.pdf")))
            .Content.ReadFromJsonAsync<AttachmentView>(Api.Json))!;
        var otherSchool = await _app.SignInAsync("officer@brambledown.test");
        var otherIncident = await (await _app.SignInAsync("staff@brambledown.test")).ReportAsync(Api.Breach());

        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(new Uri($"/api/incidents/{incident.Id}/attachments/{added.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(Pdf, "b.pdf"))).StatusCode);
        // Nor through an incident of their own: the attachment must belong to the incident named.
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(new Uri($"/api/incidents/{otherIncident.Id}/attachments/{added.Id}", UriKind.Relative))).StatusCode);
        var dpo = await _app.SignInAsync("dpo@sil.test");
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync(new Uri($"/api/incidents/{incident.Id}/attachments/{added.Id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_with_a_field_error()
    {
        await using var small = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "1024" });
        var staff = await small.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());

        var response = await staff.PostAsync(new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative), File(Encoding.ASCII.GetBytes(new string('a', 2000)), "big.txt"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("smaller than 1 KB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_on_the_incident_page_uploads_with_its_antiforgery_token_and_shows_the_hash()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var browser = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        var page = await (await browser.GetAsync(new Uri($"/incidents/{incident.Id}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        var token = Token().Match(page).Groups[1].Value;

        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", "evidence.pdf");
        var posted = await browser.PostAsync(new Uri($"/incidents/{incident.Id}/attachments", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var shown = await (await browser.GetAsync(posted.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Pdf)), shown, StringComparison.Ordinal);

        var refusedForm = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent([0x4D, 0x5A, 0x90, 0]), "Upload", "setup.pdf" } };
        var refused = await (await browser.PostAsync(new Uri($"/incidents/{incident.Id}/attachments", UriKind.Relative), refusedForm)).Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", refused, StringComparison.Ordinal);
        Assert.Contains("href=\"#Upload\"", refused, StringComparison.Ordinal);

        var withoutToken = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "Upload", "evidence.pdf" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(new Uri($"/incidents/{incident.Id}/attachments", UriKind.Relative), withoutToken)).StatusCode);
    }

    [Fact]
    public async Task Malformed_uploads_and_export_queries_are_explained_never_a_500()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var path = new Uri($"/api/incidents/{incident.Id}/attachments", UriKind.Relative);

        var json = await staff.PostAsJsonAsync(path, new { file = "JVBERi0=" });
        var noFile = await staff.PostAsync(path, new MultipartFormDataContent { { new StringContent("x"), "other" } });
        var twoFiles = await staff.PostAsync(path, new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "a.pdf" }, { new ByteArrayContent(Pdf), "file", "b.pdf" } });
        var badKind = await staff.GetAsync(new Uri("/api/register/export?kind=Nonsense&from=yesterday", UriKind.Relative));
        var unknownIncident = await staff.PostAsync(new Uri($"/api/incidents/{Guid.NewGuid()}/attachments", UriKind.Relative), File(Pdf, "a.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        var jsonText = await json.Content.ReadAsStringAsync();
        Assert.True(jsonText.Contains("multipart/form-data", StringComparison.Ordinal), jsonText);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("Select a file.", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, twoFiles.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownIncident.StatusCode);
        foreach (var response in new[] { json, noFile, badKind, unknownIncident })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static byte[] Zip(string mainContentType)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write($"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/main.xml\" ContentType=\"{mainContentType}\"/></Types>");
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
