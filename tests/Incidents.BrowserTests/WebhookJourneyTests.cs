using Incidents.BrowserTests.Support;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>Webhooks (issue 15): an administrator registers a data-transfer system's endpoint from the page (address,
/// events as checkboxes), sees its secret once, sees the delivery a report causes, disables and deletes it; every page
/// at 1280 and 375 px with axe. Screenshots start with "x".</summary>
public sealed class WebhookJourneyTests : JourneyBase
{

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAdminAsync();
    }

    private static async Task At375Async(IPage page, string name)
    {
        await page.SetViewportSizeAsync(375, 800);
        await AssertNoSidewaysScrollAsync(page, name);
        await CheckPageAsync(page, name + "-375");
        await page.SetViewportSizeAsync(1280, 800);
    }

    [Fact]
    public async Task An_admin_registers_an_endpoint_sees_the_secret_once_sees_its_deliveries_then_disables_and_deletes_it()
    {
        var admin = await NewPageAsync();
        await admin.SetViewportSizeAsync(1280, 800);
        await SignInAsync(admin, Admin, "x-01-sign-in");
        await admin.GotoAsync("/webhooks");
        await Assertions.Expect(admin.GetByTestId("no-webhooks")).ToBeVisibleAsync();
        await CheckPageAsync(admin, "x-02-none");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register an endpoint" }).ClickAsync();
        await CheckPageAsync(admin, "x-03-form");
        await At375Async(admin, "x-03-form");

        // Nothing filled in: the command's own errors, against their fields.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();
        var summary = admin.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the endpoint's address.");
        await Assertions.Expect(summary).ToContainTextAsync("Choose at least one event.");
        await CheckPageAsync(admin, "x-04-errors");

        // Plain http is refused outside Development.
        await admin.GetByLabel("Address of the endpoint").FillAsync("http://transfer.example.invalid/hooks");
        await admin.Locator("input[value='incident.reported']").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("must use https");
        await Assertions.Expect(admin.Locator("input[value='incident.reported']")).ToBeCheckedAsync();

        await admin.GetByLabel("Address of the endpoint").FillAsync("https://transfer.example.invalid/hooks");
        await admin.GetByLabel("Description (optional)").FillAsync("Mersey Vale MIS transfer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Endpoint registered" })).ToBeVisibleAsync();
        var secret = (await admin.GetByTestId("webhook-secret").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await CheckPageAsync(admin, "x-05-secret");
        await At375Async(admin, "x-05-secret");

        // The list never shows the secret again.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to webhooks" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("webhook")).ToHaveCountAsync(1);
        Assert.DoesNotContain(secret, await admin.ContentAsync(), StringComparison.Ordinal);

        // A report makes a delivery to the endpoint.
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "x-06-staff-sign-in");
        await ReportAsync(staff, "Class list emailed to the wrong parent", "x-07");
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("deliveries")).ToContainTextAsync("Incident reported");
        await CheckPageAsync(admin, "x-08-list");
        await At375Async(admin, "x-08-list");
        await admin.GetByTestId("all-deliveries").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Deliveries" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("deliveries").Locator("tbody tr")).ToHaveCountAsync(1);
        await CheckPageAsync(admin, "x-09-deliveries");
        await At375Async(admin, "x-09-deliveries");

        await admin.GotoAsync("/webhooks");
        await admin.GetByTestId("disable").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("The endpoint is disabled");
        await Assertions.Expect(admin.GetByTestId("webhook")).ToContainTextAsync("Disabled");
        await CheckPageAsync(admin, "x-10-disabled");
        await admin.GetByTestId("delete").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("deleted");
        await Assertions.Expect(admin.GetByTestId("no-webhooks")).ToBeVisibleAsync();
        await CheckPageAsync(admin, "x-11-deleted");
    }
}
