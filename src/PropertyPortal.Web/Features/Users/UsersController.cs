using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Users;

/// <summary>
/// Staff accounts: who may sign in, in which roles, for which properties. Users are disabled, never deleted,
/// so the audit trail keeps a name. Changes reach the user's session at the next security-stamp check (a minute).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class UsersController(
    PortalDbContext db,
    UserManager<AppUser> users,
    IStringLocalizer<UsersText> t,
    ILogger<UsersController> logger) : PortalController
{
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var rows = await RowsAsync(all, ct);
        return View(rows);
    }

    public async Task<IActionResult> Details(string id, CancellationToken ct)
    {
        var model = await DetailsAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View(new UserCreateForm { PropertyOptions = await PropertyOptionsAsync(ct) });

    [HttpPost]
    public async Task<IActionResult> Create(UserCreateForm form, CancellationToken ct)
    {
        // Password policy errors show with the other field errors, not only after everything else is right.
        if (!string.IsNullOrEmpty(form.Password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, new AppUser { UserName = form.UserName }, form.Password);
                AddErrors(check, nameof(form.Password));
            }
        }

        if (!ModelState.IsValid)
        {
            return await CreateView(form, ct);
        }

        // The account, its roles and its properties appear together or not at all.
        var user = new AppUser();
        var done = await db.InTransactionAsync(async token =>
        {
            user = new AppUser
            {
                UserName = form.UserName!.Trim(),
                DisplayName = form.DisplayName!.Trim(),
                AllProperties = form.AllProperties,
                PhoneNumber = Domain.Registry.Phone.Normalize(form.Phone),
                Email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim(),
                CreatedAt = UtcNow,
            };
            var created = await users.CreateAsync(user, form.Password!);
            if (!created.Succeeded)
            {
                AddErrors(created, nameof(form.Password));
                return false;
            }

            var roled = await users.AddToRolesAsync(user, SelectedRoles(form));
            if (!roled.Succeeded)
            {
                AddErrors(roled, nameof(form.Roles));
                return false;
            }

            db.UserProperties.AddRange((await ValidPropertyIdsAsync(form.PropertyIds, token)).Select(p => new UserProperty { UserId = user.Id, PropertyId = p }));
            await db.SaveChangesAsync(token);
            return true;
        }, ok => ok, ct);
        if (!done)
        {
            return await CreateView(form, ct);
        }

        logger.LogInformation("User {UserName} created by {Admin}", user.UserName, User.Identity?.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Details), new { id = user.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return NotFound();
        }

        var form = new UserEditForm
        {
            Id = user.Id,
            UserName = user.UserName,
            DisplayName = user.DisplayName,
            AllProperties = user.AllProperties,
            Phone = user.PhoneNumber,
            Email = user.Email,
            ConcurrencyStamp = user.ConcurrencyStamp,
            Roles = await RoleNamesQuery(id).ToListAsync(ct),
            PropertyIds = await db.UserProperties.AsNoTracking().Where(x => x.UserId == id).Select(x => x.PropertyId).ToListAsync(ct),
            PropertyOptions = await PropertyOptionsAsync(ct),
        };
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(string id, UserEditForm form, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.UserName = user.UserName;
        if (form.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }

        // An administrator who drops their own Admin role would lock themselves out of this page mid-edit.
        if (id == users.GetUserId(User) && !form.Roles.Contains(Roles.Admin))
        {
            ModelState.AddModelError(nameof(form.Roles), t["Users.KeepOwnAdmin"]);
        }

        if (!ModelState.IsValid)
        {
            return await EditView(form, ct);
        }

        var stamp = form.ConcurrencyStamp;
        var done = await db.InTransactionAsync(async token =>
        {
            // Loaded again inside: a retried attempt starts from an empty change tracker.
            var u = await users.FindByIdAsync(id);
            if (u is null || u.ConcurrencyStamp != stamp)
            {
                ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
                return false;
            }

            user = u;
            user.DisplayName = form.DisplayName!.Trim();
            user.AllProperties = form.AllProperties;
            user.PhoneNumber = Domain.Registry.Phone.Normalize(form.Phone);
            user.Email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                AddErrors(updated, string.Empty);
                return false;
            }

            var wanted = SelectedRoles(form);
            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
            var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
            if (!added.Succeeded)
            {
                AddErrors(added, nameof(form.Roles));
                return false;
            }

            var wantedProperties = await ValidPropertyIdsAsync(form.PropertyIds, token);
            var rows = await db.UserProperties.Where(x => x.UserId == id).ToListAsync(token);
            db.UserProperties.RemoveRange(rows.Where(r => !wantedProperties.Contains(r.PropertyId)));
            db.UserProperties.AddRange(wantedProperties.Where(p => rows.All(r => r.PropertyId != p)).Select(p => new UserProperty { UserId = id, PropertyId = p }));
            await db.SaveChangesAsync(token);

            // A new stamp makes the user's cookie re-read roles and properties at the next check.
            await users.UpdateSecurityStampAsync(user);
            return true;
        }, ok => ok, ct);
        if (!done)
        {
            return await EditView(form, ct);
        }

        logger.LogInformation("User {UserName} changed by {Admin}", user.UserName, User.Identity?.Name);
        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Disable(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (id == users.GetUserId(User))
        {
            ModelState.AddModelError(string.Empty, t["Users.CannotDisableSelf"]);
            return View(nameof(Details), await DetailsAsync(id, ct));
        }

        await SetDisabledAsync(user, true);
        logger.LogInformation("User {UserName} disabled by {Admin}", user.UserName, User.Identity?.Name);
        Flash(t["Users.Disabled"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Enable(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await SetDisabledAsync(user, false);
        logger.LogInformation("User {UserName} enabled by {Admin}", user.UserName, User.Identity?.Name);
        Flash(t["Users.Enabled"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Unlock(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        logger.LogInformation("User {UserName} unlocked by {Admin}", user.UserName, User.Identity?.Name);
        Flash(t["Users.Unlocked"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> ResetPassword(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? NotFound() : View(new ResetPasswordForm { Id = user.Id, UserName = user.UserName });
    }

    [HttpPost]
    public async Task<IActionResult> ResetPassword(string id, ResetPasswordForm form)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.UserName = user.UserName;
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        // The reset token route checks the password policy and renews the security stamp, ending the user's other sessions.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, form.NewPassword!);
        if (!result.Succeeded)
        {
            AddErrors(result, nameof(form.NewPassword));
            return View(form);
        }

        logger.LogInformation("Password of {UserName} reset by {Admin}", user.UserName, User.Identity?.Name);
        Flash(t["Users.PasswordReset"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task SetDisabledAsync(AppUser user, bool disabled)
    {
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
    }

    private async Task<UserDetails?> DetailsAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }

        var row = (await RowsAsync([user], ct))[0];
        return new UserDetails(row, user.CreatedAt, user.AccessFailedCount, id == users.GetUserId(User));
    }

    private async Task<List<UserRow>> RowsAsync(IReadOnlyList<AppUser> list, CancellationToken ct)
    {
        var ids = list.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(ct);
        var properties = await (from up in db.UserProperties
                                join p in db.Properties on up.PropertyId equals p.Id
                                where ids.Contains(up.UserId)
                                orderby p.Code
                                select new { up.UserId, p.Name }).AsNoTracking().ToListAsync(ct);

        // Lockout is compared here: SQLite cannot order or compare DateTimeOffset in SQL.
        var now = UtcNow;
        return list.Select(u =>
        {
            var userRoles = roles.Where(r => r.UserId == u.Id).Select(r => r.Name!)
                .OrderBy(r => Array.IndexOf([.. Roles.All], r)).ToList();
            var seesAll = u.AllProperties || userRoles.Contains(Roles.Admin);
            return new UserRow(u.Id, u.UserName ?? "", u.DisplayName, userRoles, seesAll,
                seesAll ? [] : properties.Where(p => p.UserId == u.Id).Select(p => p.Name).ToList(),
                u.IsDisabled,
                u.LockoutEnd is { } end && end.UtcDateTime > now ? end : null);
        }).ToList();
    }

    private IQueryable<string> RoleNamesQuery(string userId) =>
        from ur in db.UserRoles
        join r in db.Roles on ur.RoleId equals r.Id
        where ur.UserId == userId
        select r.Name!;

    private Task<List<PropertyOption>> PropertyOptionsAsync(CancellationToken ct) =>
        db.Properties.AsNoTracking()
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Code)
            .Select(p => new PropertyOption(p.Id, p.Code, p.Name, p.IsActive))
            .ToListAsync(ct);

    /// <summary>Posted ids that name a real property, each once.</summary>
    private async Task<List<Guid>> ValidPropertyIdsAsync(IEnumerable<Guid> posted, CancellationToken ct)
    {
        var ids = posted.Distinct().ToList();
        return await db.Properties.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
    }

    private static List<string> SelectedRoles(UserAccessForm form) => Roles.All.Where(form.Roles.Contains).ToList();

    private void AddErrors(IdentityResult result, string passwordField)
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => nameof(UserCreateForm.UserName),
                _ when e.Code.StartsWith("Password", StringComparison.Ordinal) && e.Code != nameof(IdentityErrorDescriber.PasswordMismatch) => passwordField,
                _ => string.Empty,
            };
            ModelState.AddModelError(field, e.Description);
        }
    }

    private async Task<IActionResult> CreateView(UserCreateForm form, CancellationToken ct)
    {
        form.PropertyOptions = await PropertyOptionsAsync(ct);
        return View(nameof(Create), form);
    }

    private async Task<IActionResult> EditView(UserEditForm form, CancellationToken ct)
    {
        form.PropertyOptions = await PropertyOptionsAsync(ct);
        return View(nameof(Edit), form);
    }
}
