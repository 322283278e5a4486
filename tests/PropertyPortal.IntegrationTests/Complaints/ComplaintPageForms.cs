using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Complaints;

/// <summary>What several test classes do to a complaint and its users through the real pages.</summary>
public static class ComplaintPageForms
{
    /// <summary>Posts the action's form as the complaint page renders it for this user (its version and token).</summary>
    public static async Task<HttpResponseMessage> ActAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync($"/Complaints/Details/{id}");
        var form = page.QuerySelector<IHtmlFormElement>($"form[action$='/Complaints/{action}/{id}']")
            ?? throw new InvalidOperationException($"No {action} form on the complaint page.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not ("checkbox" or "radio" or "file"))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        return await client.PostAsync(form.Action, values);
    }

    /// <summary>A Manager assigned to 国贸大厦 only (created once per database).</summary>
    public static async Task EnsureOfficeManagerAsync(PortalFactory app, string userName, string displayName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = userName, DisplayName = displayName, AllProperties = false, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, DemoSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Manager)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var office = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        db.UserProperties.Add(new UserProperty { UserId = user.Id, PropertyId = office });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
