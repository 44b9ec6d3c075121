using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Incidents.IntegrationTests.Support;

namespace Incidents.ReliabilityTests;

/// <summary>An operator starts the installed app from another folder (<c>dotnet /opt/incidents/Incidents.Web.dll</c>
/// from <c>/</c>): it must still load its settings and serve its styles (issue 10, item 13). The test's own output
/// folder is laid out as a publish is: the app, its appsettings files and wwwroot.</summary>
public sealed partial class ContentRootTests
{
    [Fact]
    public async Task Started_from_the_root_folder_the_app_loads_its_settings()
    {
        // appsettings.Development.json beside the app turns the demo data on with its password: signing in with it
        // shows the settings were read from the app's folder, not from the working folder ("/").
        var data = Directory.CreateTempSubdirectory("incidents-contentroot-").FullName;
        using var app = Start("Development", data, out var port);
        try
        {
            using var client = await ClientAsync(port);
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "dpo@sil.test", password = "demo-password-not-for-production" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        finally
        {
            Stop(app);
            IncidentsApp.TryDelete(data);
        }
    }

    [Fact]
    public async Task Started_from_the_root_folder_in_production_the_app_serves_its_styles()
    {
        var data = Directory.CreateTempSubdirectory("incidents-contentroot-").FullName;
        using var app = Start("Production", data, out var port);
        try
        {
            using var client = await ClientAsync(port);
            var page = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
            var stylesheet = Stylesheet().Match(page);
            Assert.True(stylesheet.Success, "The sign-in page links no stylesheet.");
            var css = await client.GetAsync(new Uri(stylesheet.Groups[1].Value, UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Contains("govuk", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Stop(app);
            IncidentsApp.TryDelete(data);
        }
    }

    private static Process Start(string environment, string data, out int port)
    {
        port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Incidents.Web.dll")}\"")
        {
            WorkingDirectory = "/",
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__Incidents"] = $"Data Source={Path.Combine(data, "incidents.db")}";
        start.Environment["Email__PickupDirectory"] = Path.Combine(data, "mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> ClientAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Wait.UntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(60), "the app to start from /");
        return client;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();
}
