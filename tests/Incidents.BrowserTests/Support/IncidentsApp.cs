using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.BrowserTests.Support;

/// <summary>
/// The real app (Program) on real Kestrel on 127.0.0.1 (a free port), on a real SQLite file in its own temporary
/// folder, sending email over SMTP to <see cref="TestSmtpServer"/>, with the demo data seeded.
/// </summary>
public sealed class IncidentsApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "browser-test-password";

    private readonly Dictionary<string, string?> _settings;

    public IncidentsApp(TestSmtpServer smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        DataDirectory = Directory.CreateTempSubdirectory("incidents-browser-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Incidents"] = $"Data Source={Path.Combine(DataDirectory, "incidents.db")}",
            ["Database:Provider"] = "Sqlite",
            ["Hangfire:Storage"] = "InMemory",
            ["Hangfire:SchedulePollingInterval"] = "00:00:00.200",
            ["Seed:Demo"] = "true",
            ["Seed:DemoPassword"] = DemoPassword,
            ["Email:PickupDirectory"] = Path.Combine(DataDirectory, "mail"),
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "10",
            ["Notifications:FirstRetryDelay"] = "00:00:00.500",
            ["Notifications:MaxRetryDelay"] = "00:00:01",
            ["RateLimits:ReportsPerMinute"] = "10000",
            ["RateLimits:SignInPerMinute"] = "10000",
            ["App:PublicUrl"] = "http://127.0.0.1/",
        };
        // Real Kestrel on the loopback address, on a port the OS picks.
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string DataDirectory { get; }

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Fewer PBKDF2 iterations than Identity's default, as in the integration tests' IncidentsApp (it says why).
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
