using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.UnitTests.Infrastructure;

public sealed class HttpPropertyScopeTests
{
    private static readonly Guid Chhy = Guid.CreateVersion7();
    private static readonly Guid Gmds = Guid.CreateVersion7();

    private static ClaimsPrincipal SignedIn(params Claim[] claims) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.NameIdentifier, "u-1"), .. claims], "Identity.Application"));

    [Fact]
    public void An_admin_sees_every_property_without_any_assignment()
    {
        var (all, ids) = HttpPropertyScope.Read(SignedIn(new Claim(ClaimTypes.Role, Roles.Admin)));

        Assert.True(all);
        Assert.Empty(ids);
    }

    [Fact]
    public void A_company_wide_user_sees_every_property()
    {
        var (all, _) = HttpPropertyScope.Read(SignedIn(new Claim(ClaimTypes.Role, Roles.Manager), new Claim(PortalClaims.AllProperties, "true")));

        Assert.True(all);
    }

    [Fact]
    public void An_assigned_user_sees_only_the_assigned_properties()
    {
        var (all, ids) = HttpPropertyScope.Read(SignedIn(new Claim(ClaimTypes.Role, Roles.FrontDesk), new Claim(PortalClaims.Property, Chhy.ToString())));

        Assert.False(all);
        Assert.Equal([Chhy], ids);
    }

    [Fact]
    public void A_manager_without_the_company_wide_claim_is_limited_to_assignments()
    {
        var (all, ids) = HttpPropertyScope.Read(SignedIn(new Claim(ClaimTypes.Role, Roles.Manager), new Claim(PortalClaims.Property, Chhy.ToString()), new Claim(PortalClaims.Property, Gmds.ToString())));

        Assert.False(all);
        Assert.Equal([Chhy, Gmds], ids);
    }

    [Fact]
    public void A_malformed_assignment_grants_nothing()
    {
        var (all, ids) = HttpPropertyScope.Read(SignedIn(new Claim(PortalClaims.Property, "not-a-guid"), new Claim(PortalClaims.AllProperties, "yes")));

        Assert.False(all);
        Assert.Empty(ids);
    }

    [Fact]
    public void An_anonymous_visitor_sees_no_property()
    {
        var (all, ids) = HttpPropertyScope.Read(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.False(all);
        Assert.Empty(ids);
    }

    [Fact]
    public void Outside_a_request_the_system_sees_every_property()
    {
        IPropertyScope scope = new HttpPropertyScope(new HttpContextAccessor());

        Assert.True(scope.AllProperties);
        Assert.Equal("system", scope.UserName);
        Assert.Null(scope.UserId);
        Assert.True(scope.CanSee(Gmds));
    }

    [Fact]
    public void Inside_a_request_the_scope_is_the_signed_in_user()
    {
        var http = new DefaultHttpContext { User = SignedIn(new Claim(ClaimTypes.Role, Roles.FrontDesk), new Claim(PortalClaims.Property, Chhy.ToString())) };
        IPropertyScope scope = new HttpPropertyScope(new HttpContextAccessor { HttpContext = http });

        Assert.False(scope.AllProperties);
        Assert.Equal("someone", scope.UserName);
        Assert.Equal("u-1", scope.UserId);
        Assert.True(scope.CanSee(Chhy));
        Assert.False(scope.CanSee(Gmds));
    }

    [Fact]
    public void The_system_scope_sees_everything_and_names_itself()
    {
        IPropertyScope scope = SystemPropertyScope.Instance;

        Assert.True(scope.CanSee(Guid.CreateVersion7()));
        Assert.Equal("system", scope.UserName);
    }
}
