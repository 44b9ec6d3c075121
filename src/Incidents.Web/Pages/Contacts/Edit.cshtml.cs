using Incidents.Application.Common.Security;
using Incidents.Application.Features.Organisations;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Contacts;

/// <summary>Correct a contact's name, address or role, or deactivate them. Notices already written are not changed.</summary>
[Authorize(Roles = Roles.DpoOrAdmin)]
public sealed class EditModel(ISender sender) : AppPageModel
{
    public string Organisation { get; private set; } = string.Empty;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public ContactRole? Role { get; set; }

    [BindProperty]
    public bool Active { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var contact = await FindAsync(id, ct);
        if (contact is null)
        {
            return NotFoundPage();
        }

        (Name, Email, Role, Active) = (contact.Name, contact.Email, contact.Role, contact.Active);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null)
        {
            return NotFoundPage();
        }

        var form = new FormFields(string.Empty).Field(nameof(Name), nameof(Name)).Field(nameof(Email), nameof(Email))
            .Field(nameof(Role), nameof(Role)).Field(nameof(Active), nameof(Active));
        return await SendAsync(form, [],
            () => sender.Send(new UpdateContactCommand(Name, Email, Role, Active) { ContactId = id }, ct).AsTask(),
            () =>
            {
                Saved = true;
                return Page();
            },
            () => Task.FromResult<IActionResult?>(null));
    }

    private async Task<ContactView?> FindAsync(Guid id, CancellationToken ct)
    {
        foreach (var organisation in await sender.Send(new ListOrganisationsQuery(), ct))
        {
            if (organisation.Contacts.FirstOrDefault(c => c.Id == id) is { } contact)
            {
                Organisation = organisation.Name;
                return contact;
            }
        }

        return null;
    }
}
