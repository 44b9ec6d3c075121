using System.Globalization;
using Incidents.Domain.Common;
using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Incidents.BrowserTests.Support;

/// <summary>What every journey shares: the real app on Kestrel with an SMTP server in the process, headless Chromium,
/// signing in, the report form, and the check every page gets (a screenshot and axe-core). Each feature's journeys
/// live in their own class deriving from this one; screenshot names start with that class's own prefix letters.</summary>
public abstract class JourneyBase : IAsyncLifetime
{
    protected const string MerseyValeStaff = "staff@merseyvale.test";
    protected const string Dpo = "dpo@sil.test";

    protected readonly TestSmtpServer _smtp = new();
    protected IncidentsApp _app = null!;
    protected IPlaywright _playwright = null!;
    protected IBrowser _browser = null!;
    protected readonly List<string> _dialogs = [];

    public virtual async Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp);
        _app.Start();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    protected async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString().TrimEnd('/'),
            // Only so that axe-core can be injected; the pages themselves are checked for inline script and style.
            BypassCSP = true,
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            _dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        return page;
    }

    protected async Task SignInAsync(IPage page, string email, string screenshot)
    {
        await page.GotoAsync("/incidents");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await CheckPageAsync(page, screenshot);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(IncidentsApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/incidents$"));
    }

    /// <summary>Fills in and sends the report form as a Mersey Vale member of staff; returns the reference shown.</summary>
    protected async Task<string> ReportAsync(IPage page, string summary, string prefix)
    {
        await page.GotoAsync("/incidents/report");
        await CheckPageAsync(page, $"{prefix}-02-report-form");
        var discovered = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddHours(-2));
        await page.GetByLabel("Breach of confidentiality").CheckAsync();
        await Assertions.Expect(page.GetByLabel("School Improvement Liverpool")).ToBeCheckedAsync();
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(discovered.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync(discovered.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync(discovered.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time (24-hour)").FillAsync(discovered.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync(summary);
        await page.GetByLabel("What happened?").FillAsync("A spreadsheet with the names and UPNs of a Year 4 class was sent to one parent.");
        await page.GetByLabel("Names", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Unique pupil numbers (UPN)").CheckAsync();
        await page.GetByLabel("Approximately how many people are affected?").FillAsync("28");
        await page.GetByLabel("What has been done to contain it? (optional)").FillAsync("Asked the parent to delete it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incident reported" })).ToBeVisibleAsync();
        var reference = (await page.GetByTestId("reference").TextContentAsync())!.Trim();
        await CheckPageAsync(page, $"{prefix}-03-reported");
        return reference;
    }

    /// <summary>SIL's administrator (the demo data has none): made through Identity, as the bootstrap would.</summary>
    protected const string Admin = "admin@sil.test";

    protected async Task CreateAdminAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = new ApplicationUser { UserName = Admin, Email = Admin, EmailConfirmed = true, DisplayName = "Sam Admin", OrganisationId = Incidents.Infrastructure.Startup.DemoData.SilId };
        Assert.True((await users.CreateAsync(admin, IncidentsApp.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
    }

    protected static async Task AssertNoSidewaysScrollAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways at 375 px.");

    /// <summary>The check every page a journey visits gets: at 1280 pixels a screenshot and axe-core; no identifier
    /// (an enum member or audit action such as "ReportToIco") in its visible text, where a person should read words;
    /// and at 375 pixels (a phone) nothing wider than the screen.</summary>
    protected static Task CheckPageAsync(IPage page, string name) => CheckAsync(page, name, axeOnPhone: false);

    /// <summary>The page check, with a screenshot and axe-core at 375 pixels too (a feature's own pages).</summary>
    protected static Task CheckBothAsync(IPage page, string name) => CheckAsync(page, name, axeOnPhone: true);

    private static async Task CheckAsync(IPage page, string name, bool axeOnPhone)
    {
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(1280, 800);
        await Browser.ScreenshotAsync(page, name);
        await Browser.AssertAccessibleAsync(page, name);
        var text = await page.EvaluateAsync<string>("() => document.body.innerText");
        var found = Identifiers.Find(text);
        Assert.True(found.Count == 0, $"{name} ({page.Url}) shows identifiers instead of words: {string.Join(", ", found)}");

        await page.SetViewportSizeAsync(375, 800);
        if (axeOnPhone)
        {
            // A feature's own pages: a screenshot to read at 375 px and axe again (the rest are measured, which is quicker).
            await Browser.ScreenshotAsync(page, name + "-375");
            await Browser.AssertAccessibleAsync(page, name + "-375");
        }

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        Assert.True(width <= 375, $"{name} ({page.Url}) scrolls sideways at 375 pixels: it is {width.ToString(CultureInfo.InvariantCulture)} px wide ({string.Join(", ", wide)}).");
        await page.SetViewportSizeAsync(size?.Width ?? 1280, size?.Height ?? 800);
    }
}
