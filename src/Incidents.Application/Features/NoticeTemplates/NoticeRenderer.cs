using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>A notice as written: one-line subject, plain text and HTML from the same template.</summary>
public sealed record RenderedNotice(string Subject, string Text, string Html);

/// <summary>Where a template is wrong: the field (<c>subject</c> or <c>body</c>), the message, and where (1-based).</summary>
public sealed record TemplateError(string Field, string Message, int? Line, int? Column)
{
    public override string ToString() => Line is null ? Message : $"{Message} (line {Line}, column {Column})";
}

/// <summary>
/// Renders notice templates with Liquid (Fluid): sandboxed (no code, only the merge fields it is given), and in the
/// HTML part every merge field is HTML-encoded, so user text (a summary with &lt;script&gt;) is shown, never run.
/// The body is plain text with three marks: a blank line between paragraphs, <c>## </c> at the start of a heading,
/// <c>- </c> at the start of each line of a list; <c>{{ link | link_to: "Open it" }}</c> is a link.
/// </summary>
public static partial class NoticeRenderer
{
    private const string HtmlMode = "html";
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });
    private static readonly TemplateOptions Options = CreateOptions(strict: false);
    private static readonly TemplateOptions StrictOptions = CreateOptions(strict: true);

    private static TemplateOptions CreateOptions(bool strict)
    {
        var options = new TemplateOptions
        {
            StrictVariables = strict,
            StrictFilters = strict,
            CultureInfo = CultureInfo.GetCultureInfo("en-GB"),
            TimeZone = Domain.Common.LondonTime.Zone,
            MaxSteps = 100_000,
            MaxRecursion = 20,
        };
        options.Filters.AddFilter("link_to", LinkTo);
        return options;
    }

    /// <summary>Parses and checks a template against a type's merge fields (<paramref name="sample"/>): every error found,
    /// with its line and column; none when it may be saved.</summary>
    public static IReadOnlyList<TemplateError> Validate(string? subject, string? body, IReadOnlyDictionary<string, object?> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var errors = new List<TemplateError>();
        Check("subject", subject, Domain.Notifications.NoticeTemplate.SubjectMaxLength);
        Check("body", body, Domain.Notifications.NoticeTemplate.BodyMaxLength);
        if (errors.Count == 0)
        {
            try
            {
                // A trial render with strict variables and filters: catches what only shows when it runs.
                Render(subject!, body!, sample, strict: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                errors.Add(new TemplateError("body", $"The template cannot be rendered: {ex.Message}", null, null));
            }
        }

        return errors;

        void Check(string field, string? source, int max)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                errors.Add(new TemplateError(field, $"Enter the {field}.", null, null));
                return;
            }

            if (source.Length > max)
            {
                errors.Add(new TemplateError(field, $"The {field} must be {max:N0} characters or fewer.", null, null));
                return;
            }

            if (TooDeep(source) is { } depthError)
            {
                errors.Add(new TemplateError(field, depthError, null, null));
                return;
            }

            if (!Parser.TryParse(source, out var template, out var error))
            {
                errors.Add(ParseError(field, error));
                return;
            }

            foreach (var unknown in UnknownFields(template, sample))
            {
                var (line, column) = Position(source, unknown);
                errors.Add(new TemplateError(field,
                    $"'{unknown}' is not a merge field of this notice. The merge fields are: {string.Join(", ", NoticeFields.Names(sample))}.", line, column));
            }
        }
    }

    /// <summary>Renders a template that was validated when it was saved.</summary>
    public static RenderedNotice Render(string subject, string body, IReadOnlyDictionary<string, object?> model) => Render(subject, body, model, strict: false);

    private static RenderedNotice Render(string subject, string body, IReadOnlyDictionary<string, object?> model, bool strict)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(model);
        var renderedSubject = OneLine(RenderSource(subject, model, html: false, strict));
        var text = Blocks(RenderSource(body, model, html: false, strict), html: false);
        var htmlBody = Blocks(RenderSource(EncodeLiteralText(body), model, html: true, strict), html: true);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(HtmlEncoder.Default.Encode(renderedSubject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c\">")
            .Append(htmlBody)
            .Append("</body></html>")
            .ToString();
        return new RenderedNotice(renderedSubject, text, html);
    }

    private static string RenderSource(string source, IReadOnlyDictionary<string, object?> model, bool html, bool strict)
    {
        var template = Parsed(source);

        var context = new TemplateContext(strict ? StrictOptions : Options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        context.AmbientValues[HtmlMode] = html;
        return template.Render(context, html ? HtmlEncoder.Default : NullEncoder.Default);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate> Cache = new(StringComparer.Ordinal);

    /// <summary>Parsed once per distinct source (a handful of templates, a few versions each).</summary>
    private static IFluidTemplate Parsed(string source)
    {
        if (Cache.TryGetValue(source, out var cached))
        {
            return cached;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"A saved notice template does not parse: {error}");
        }

        if (Cache.Count > 500)
        {
            Cache.Clear();
        }

        Cache[source] = template;
        return template;
    }

    /// <summary><c>{{ link | link_to: "Open the incident" }}</c>: an anchor in HTML, "Open the incident: url" in text.</summary>
    private static ValueTask<FluidValue> LinkTo(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var url = input.ToStringValue();
        var label = arguments.Count > 0 ? arguments.At(0).ToStringValue() : url;
        var html = context.AmbientValues.TryGetValue(HtmlMode, out var mode) && mode is true;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return new StringValue(label, encode: true);
        }

        return html
            ? new StringValue($"<a href=\"{HtmlEncoder.Default.Encode(uri.AbsoluteUri)}\">{HtmlEncoder.Default.Encode(label)}</a>", encode: false)
            : new StringValue($"{label}: {uri.AbsoluteUri}", encode: false);
    }

    /// <summary>The DPO's literal text is text too: in the HTML part it is encoded like the merge fields, so a stray
    /// &lt; or &amp; in a template cannot make markup.</summary>
    private static string EncodeLiteralText(string source) =>
        LiquidMarkup().Replace(source, m => m.Groups["liquid"].Success ? m.Value : WebUtility.HtmlEncode(m.Value));

    private static string Blocks(string rendered, bool html)
    {
        var blocks = BlankLine().Replace(rendered.Replace("\r\n", "\n", StringComparison.Ordinal), string.Empty).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => string.Join('\n', b.Split('\n').Select(l => l.TrimEnd())))
            .Where(b => b.Length > 0)
            .ToList();
        if (!html)
        {
            return string.Join("\n\n", blocks.Select(b => b.StartsWith("## ", StringComparison.Ordinal) ? Heading(b) : b)) + "\n";
        }

        var output = new StringBuilder();
        foreach (var block in blocks)
        {
            var lines = block.Split('\n');
            var start = 0;
            if (lines[0].StartsWith("## ", StringComparison.Ordinal))
            {
                output.Append("<h2 style=\"font-size:19px;margin:24px 0 8px\">").Append(lines[0][3..]).Append("</h2>");
                start = 1;
            }

            var rest = lines[start..];
            if (rest.Length == 0)
            {
                continue;
            }

            if (rest.All(l => l.StartsWith("- ", StringComparison.Ordinal)))
            {
                output.Append("<ul>");
                foreach (var item in rest)
                {
                    output.Append("<li>").Append(Breaks(item[2..])).Append("</li>");
                }

                output.Append("</ul>");
            }
            else
            {
                output.Append("<p>").Append(string.Join("<br>", rest.Select(Breaks))).Append("</p>");
            }
        }

        return output.ToString();

        // HtmlEncoder writes a newline inside a merge field (a description of several lines) as &#xA;.
        static string Breaks(string line) => line.Replace("&#xA;", "<br>", StringComparison.Ordinal).Replace("&#xD;", string.Empty, StringComparison.Ordinal);
    }

    private static string Heading(string block)
    {
        var lines = block.Split('\n');
        var title = lines[0][3..];
        return string.Join('\n', new[] { title, new string('-', Math.Max(3, title.Length)) }.Concat(lines[1..]));
    }

    private static string OneLine(string value) =>
        WhiteSpace().Replace(new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()), " ").Trim();

    private static TemplateError ParseError(string field, string error)
    {
        var message = error.Split('\n')[0].Trim();
        var match = ParsePosition().Match(message);
        if (!match.Success)
        {
            return new TemplateError(field, message, null, null);
        }

        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture);
        return new TemplateError(field, message[..match.Index].TrimEnd() + ".", line, column);
    }

    /// <summary>The parser recurses once per nested block: a template nested hundreds deep (hostile, or a mistake) is
    /// refused before it is parsed, as is one with an unreasonable number of tags.</summary>
    private static string? TooDeep(string source)
    {
        const int MaxDepth = 20;
        const int MaxTags = 1000;
        var depth = 0;
        var tags = 0;
        foreach (Match tag in TagName().Matches(source))
        {
            tags++;
            var name = tag.Groups["name"].Value;
            if (name is "if" or "unless" or "for" or "case" or "capture" or "comment" or "raw" or "tablerow")
            {
                depth++;
            }
            else if (name.StartsWith("end", StringComparison.Ordinal))
            {
                depth = Math.Max(0, depth - 1);
            }

            if (depth > MaxDepth)
            {
                return $"Blocks are nested more than {MaxDepth} deep.";
            }
        }

        return tags > MaxTags ? $"The template has more than {MaxTags} tags." : null;
    }

    private static (int? Line, int? Column) Position(string source, string path)
    {
        var index = source.IndexOf(path, StringComparison.Ordinal);
        if (index < 0)
        {
            return (null, null);
        }

        var before = source[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    private static List<string> UnknownFields(IFluidTemplate template, IReadOnlyDictionary<string, object?> sample)
    {
        var walker = new FieldWalker();
        walker.VisitTemplate(template);
        var unknown = new List<string>();
        foreach (var path in walker.Paths)
        {
            var root = path[0];
            if (walker.Declared.Contains(root) || root == "forloop")
            {
                continue;
            }

            if (!sample.TryGetValue(root, out var value))
            {
                unknown.Add(root);
            }
            else if (path.Count > 1 && value is IReadOnlyDictionary<string, object?> fields && !fields.ContainsKey(path[1]) && path[1] != "size")
            {
                unknown.Add($"{root}.{path[1]}");
            }
        }

        return unknown.Distinct(StringComparer.Ordinal).ToList();
    }

    private sealed class FieldWalker : AstVisitor
    {
        public List<List<string>> Paths { get; } = [];

        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var path = memberExpression.Segments.TakeWhile(s => s is IdentifierSegment).Cast<IdentifierSegment>().Take(2).Select(s => s.Identifier).ToList();
            if (path.Count > 0)
            {
                Paths.Add(path);
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Declared.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Declared.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Declared.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }
    }

    [GeneratedRegex(@"(?<liquid>\{\{.*?\}\}|\{%.*?%\})|[^{]+|\{", RegexOptions.Singleline)]
    private static partial Regex LiquidMarkup();

    [GeneratedRegex(@"\{%-?\s*(?<name>\w+)")]
    private static partial Regex TagName();

    [GeneratedRegex(@"^[ \t]+$", RegexOptions.Multiline)]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex ParsePosition();
}
