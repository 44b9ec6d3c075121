using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Incidents.IntegrationTests.Support;

/// <summary>Posts a server-rendered form as a browser would: GET the page (cookies kept), take its antiforgery token, POST.</summary>
public static partial class PageForm
{
    public static HttpClient Browser(this IncidentsApp app, string? peer = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(IncidentsApp.PeerHeader, peer);
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string path, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = Token().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{path} answered {(int)page.StatusCode} with no antiforgery token.");
        }

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        return await browser.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Signs a browser in through the sign-in page.</summary>
    public static async Task<HttpResponseMessage> SignInPageAsync(this HttpClient browser, string email, string password) =>
        await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
