using System.Net.Http.Headers;
using System.Net.Http.Json;
using Incidents.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.IntegrationTests.Support;

/// <summary>
/// The real app (Program) on a real SQLite file in its own temporary folder, sending email over SMTP to
/// <see cref="TestSmtpServer"/>, with its own in-memory Hangfire storage and the demo data seeded.
/// </summary>
public sealed class IncidentsApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "integration-test-password";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDirectory;

    private readonly string _environment;

    public IncidentsApp(TestSmtpServer? smtp, string? dataDirectory = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        _environment = environment;
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("incidents-tests-").FullName;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Incidents"] = $"Data Source={Path.Combine(DataDirectory, "incidents.db")}",
            ["Database:Provider"] = "Sqlite",
            ["Hangfire:Storage"] = "InMemory",
            ["Hangfire:SchedulePollingInterval"] = "00:00:00.200",
            ["Seed:Demo"] = "true",
            ["Seed:DemoPassword"] = DemoPassword,
            ["Email:PickupDirectory"] = Path.Combine(DataDirectory, "mail"),
            ["Email:Smtp:Host"] = smtp is null ? string.Empty : "127.0.0.1",
            ["Email:Smtp:Port"] = smtp?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "25",
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "10",
            ["Notifications:FirstRetryDelay"] = "00:00:00.500",
            ["Notifications:MaxRetryDelay"] = "00:00:01",
            ["Notifications:MaxAttempts"] = "50",
            ["RateLimits:ReportsPerMinute"] = "10000",
            ["App:PublicUrl"] = "https://incidents.example.org/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "incidents.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, PeerAddress>();
            // Identity's PBKDF2 default (100 000 iterations, ~50 ms a hash here) made every app start pay ~0.5 s for
            // the nine demo accounts and every sign-in ~50 ms; the tests check who may sign in, not how slowly, so they
            // hash with fewer iterations (the count is stored in each hash, so verifying is unchanged). Production keeps
            // the default.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            _services?.Invoke(services);
        });
    }

    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A browser-like client signed in with the cookie, for pages.</summary>
    public async Task<HttpClient> SignInWithCookieAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A scope on the app's container, for reading the database as it stands.</summary>
    public async Task<T> WithDbAsync<T>(Func<IncidentsDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IncidentsDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            TryDelete(DataDirectory);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The test server has no TCP peer: each request comes from 127.0.0.1, as through Kestrel on loopback, or
    /// from the address in the <see cref="PeerHeader"/> header (the address a proxy or client would connect from).</summary>
    public const string PeerHeader = "X-Test-Peer";

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.Remove(PeerHeader, out var peer)
                    ? System.Net.IPAddress.Parse(peer.ToString())
                    : System.Net.IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }

    public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken);
}
