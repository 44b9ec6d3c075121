using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Notifications;
using Xunit.Abstractions;

namespace Incidents.UnitTests.Application.NoticeTemplates;

public sealed class NoticeRendererTests(ITestOutputHelper output)
{
    private const string Attack = "<script>alert('x')</script> & <b>bold</b>";

    private static Dictionary<string, object?> Incident(Dictionary<string, object?> model) => (Dictionary<string, object?>)model["incident"]!;

    private static Dictionary<string, object?> Recipient(Dictionary<string, object?> model) => (Dictionary<string, object?>)model["recipient"]!;

    private static RenderedNotice RenderDefault(NotificationType type, Dictionary<string, object?> model)
    {
        var (subject, body) = NoticeDefaults.For(type);
        return NoticeRenderer.Render(subject, body, model);
    }

    public static TheoryData<NotificationType> AllTypes()
    {
        var data = new TheoryData<NotificationType>();
        foreach (var type in Enum.GetValues<NotificationType>())
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Every_notice_type_has_a_default_template_that_validates_and_renders(NotificationType type)
    {
        var (subject, body) = NoticeDefaults.For(type);

        Assert.Empty(NoticeRenderer.Validate(subject, body, NoticeFields.Sample(type)));
        var notice = NoticeRenderer.Render(subject, body, NoticeFields.Sample(type));
        Assert.False(string.IsNullOrWhiteSpace(notice.Subject));
        Assert.StartsWith("Dear Sam Officer,", notice.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Dear Sam Officer,</p>", notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", notice.Html, StringComparison.Ordinal);
        // Counts are written as words read ("one attempt", "3 attempts"), never "attempt(s)".
        Assert.DoesNotContain("(s)", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", notice.Subject, StringComparison.Ordinal);
        output.WriteLine($"===== {type}\nSubject: {notice.Subject}\n\n{notice.Text}");
    }

    [Fact]
    public void User_text_is_html_encoded_in_the_html_part_and_plain_in_the_text_part()
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);
        Incident(model)["summary"] = Attack;
        Incident(model)["reporting_organisation"] = "<b>Alpha</b>";

        var notice = RenderDefault(NotificationType.IncidentReported, model);

        Assert.DoesNotContain("<script>", notice.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", notice.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", notice.Html, StringComparison.Ordinal);
        Assert.Contains(Attack, notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_breach_notice_has_the_summary_but_not_the_description()
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);
        Incident(model)["description"] = "Pupil Jo Bloggs, UPN A123456789012, was named.";

        var notice = RenderDefault(NotificationType.IncidentReported, model);

        Assert.Contains("Class list emailed to the wrong parent", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Bloggs", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Bloggs", notice.Html, StringComparison.Ordinal);
        Assert.Contains("Categories of data: Names, Unique pupil numbers (UPN)", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Approximate number of people: 28", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_may_include_the_description_when_the_dpo_chooses()
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);
        Incident(model)["description"] = "Line one\nLine <two>";

        var notice = NoticeRenderer.Render("[{{ incident.reference }}]", "What happened:\n\n{{ incident.description }}\n", model);

        Assert.Contains("Line one\nLine <two>", notice.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Line one<br>Line &lt;two&gt;</p>", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_subject_carries_the_reference_kind_school_and_deadline_on_one_line()
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);
        Incident(model)["school"] = "Alpha\r\nBcc: victim@example.org";

        var notice = RenderDefault(NotificationType.IncidentReported, model);

        Assert.StartsWith("[INC-2026-00042] Breach of confidentiality, Alpha Bcc: victim@example.org: ICO deadline ", notice.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', notice.Subject);
        Assert.DoesNotContain('\r', notice.Subject);
    }

    [Theory]
    [InlineData("counterparty_officer", "clause 11.4", "contain it on your side")]
    [InlineData("dpo", "clause 11.5", "Triage it")]
    [InlineData("own_officer", "which reported it", "Make sure it is contained")]
    public void Each_recipient_is_told_why_and_what_to_do_and_by_when(string reason, string why, string what)
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);
        Recipient(model)["reason"] = reason;

        var notice = RenderDefault(NotificationType.IncidentReported, model);

        Assert.Contains(why, notice.Text, StringComparison.Ordinal);
        Assert.Contains(what, notice.Text, StringComparison.Ordinal);
        Assert.Contains((string)Incident(model)["ico_deadline"]!, notice.Text, StringComparison.Ordinal);
        output.WriteLine($"===== {reason}\nSubject: {notice.Subject}\n\n{notice.Text}\n{notice.Html}");
    }

    [Fact]
    public void A_template_that_does_not_parse_is_refused_with_its_line_and_column()
    {
        var errors = NoticeRenderer.Validate("Subject", "Dear {{ recipient.name }},\n\nSee {{ incident.reference }\n", NoticeFields.Sample(NotificationType.IncidentReported));

        var error = Assert.Single(errors);
        Assert.Equal("body", error.Field);
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Column);
        Assert.Contains("line 3, column", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_naming_an_unknown_merge_field_is_refused_with_where_it_is()
    {
        var errors = NoticeRenderer.Validate("[{{ incident.reference }}]", "Hello\n  {{ incident.pupil_names }}\n{{ nonsense }}", NoticeFields.Sample(NotificationType.IncidentReported));

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("'incident.pupil_names'", StringComparison.Ordinal) && e.Line == 2 && e.Column == 6);
        Assert.Contains(errors, e => e.Message.Contains("'nonsense'", StringComparison.Ordinal) && e.Line == 3);
        Assert.Contains("incident.summary", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_and_assigned_variables_are_not_unknown_fields()
    {
        var errors = NoticeRenderer.Validate("S", "{% assign who = recipient.name %}{{ who }}{% for c in (1..2) %}{{ c }}{{ forloop.index }}{% endfor %}", NoticeFields.Sample(NotificationType.SignInAttempts));

        Assert.Empty(errors);
    }

    [Fact]
    public void The_dpos_literal_text_is_encoded_in_the_html_part()
    {
        var notice = RenderDefault(NotificationType.DeliveryFailed, NoticeFields.Sample(NotificationType.DeliveryFailed));

        Assert.Contains("Alex Head &lt;head@school.example.org&gt;", notice.Html, StringComparison.Ordinal);
        Assert.Contains("Alex Head <head@school.example.org>", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_are_anchors_in_html_and_labelled_urls_in_text()
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);

        var notice = RenderDefault(NotificationType.IncidentReported, model);

        Assert.Contains($"Open the incident: {model["link"]}", notice.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{model["link"]}\">Open the incident</a>", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_anything_but_a_web_address_is_only_its_label()
    {
        var model = NoticeFields.Sample(NotificationType.IncidentReported);
        model["link"] = "javascript:alert(1)";

        var notice = NoticeRenderer.Render("S", "{{ link | link_to: \"Open\" }}", model);

        Assert.DoesNotContain("javascript", notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_receipt_gives_the_reporter_the_reference_and_what_happens_next()
    {
        var notice = RenderDefault(NotificationType.IncidentReceipt, NoticeFields.Sample(NotificationType.IncidentReceipt));

        Assert.StartsWith("[INC-2026-00042] Your report has been received", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("You reported it: this is your receipt.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("What happens next", notice.Text, StringComparison.Ordinal);
        Assert.Contains("We are emailing Sam Officer (designated officer, School Improvement Liverpool)", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("A spreadsheet", notice.Text, StringComparison.Ordinal);
        output.WriteLine(notice.Text);
    }

    [Fact]
    public void A_template_nested_too_deeply_is_refused_before_it_is_parsed()
    {
        var body = string.Concat(Enumerable.Repeat("{% if link %}", 500)) + string.Concat(Enumerable.Repeat("{% endif %}", 500));

        var error = Assert.Single(NoticeRenderer.Validate("S", body, NoticeFields.Sample(NotificationType.SignInAttempts)));

        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ recipient.name | nosuchfilter }}")]
    [InlineData("{% for x in recipient %}{{ x.y.z }}{% endfor %}")]
    [InlineData("{{ 1 | divided_by: 0 }}")]
    public void A_template_that_fails_when_it_runs_is_refused_not_thrown(string body)
    {
        var errors = NoticeRenderer.Validate("S", body, NoticeFields.Sample(NotificationType.SignInAttempts));

        Assert.All(errors, e => Assert.Equal("body", e.Field));
    }
}
