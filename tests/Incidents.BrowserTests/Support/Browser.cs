using System.Text.Json;
using Microsoft.Playwright;

namespace Incidents.BrowserTests.Support;

/// <summary>Headless Chromium through Playwright. Looks for a browser in PLAYWRIGHT_CHROMIUM_EXECUTABLE, then the
/// system's Chromium or Chrome, then Playwright's own installed browsers, then tries to install one; if all fail
/// the test fails with how to install one (never skipped).</summary>
public static class Browser
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic",
    ];

    private static readonly string[] SystemBrowsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var failures = new List<string>();
        var candidates = new List<string?>();
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(fromEnvironment);
        }

        candidates.AddRange(SystemBrowsers.Where(File.Exists));
        candidates.Add(null); // Playwright's own installed browser
        foreach (var executable in candidates)
        {
            try
            {
                return (playwright, await LaunchAsync(playwright, executable));
            }
            catch (PlaywrightException ex)
            {
                failures.Add($"{executable ?? "Playwright's own Chromium"}: {ex.Message.Split('\n')[0]}");
            }
        }

        try
        {
            if (Microsoft.Playwright.Program.Main(["install", "chromium"]) == 0)
            {
                return (playwright, await LaunchAsync(playwright, null));
            }

            failures.Add("playwright install chromium failed");
        }
        catch (Exception ex) when (ex is PlaywrightException or InvalidOperationException or IOException)
        {
            failures.Add($"playwright install chromium: {ex.Message.Split('\n')[0]}");
        }

        playwright.Dispose();
        throw new InvalidOperationException(
            "No Chromium could be launched for the browser tests. Install one with `apt-get install -y chromium` "
            + "(or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome binary). Tried:\n  " + string.Join("\n  ", failures));
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, string? executable) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = executable,
            Args = Args,
            Timeout = 30_000,
        });

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, listing them.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The app's Content-Security-Policy allows no inline script or style: the HTML the server sends must have none
        // (scripts may set styles at run time; that is allowed).
        var response = await page.Context.APIRequest.GetAsync(page.Url);
        var html = await response.TextAsync();
        var inline = System.Text.RegularExpressions.Regex.Matches(html, @"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.True(inline.Count == 0, $"{what} has inline script or style: {string.Join(", ", inline.Select(m => m.Value))}");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(); return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })); }");
        var serious = result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Count} serious or critical violation(s) on {what} ({page.Url}):\n" + string.Join("\n", serious));
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots beside the test output.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
