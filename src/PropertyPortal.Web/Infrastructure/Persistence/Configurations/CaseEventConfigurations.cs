using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Common;

namespace PropertyPortal.Web.Infrastructure.Persistence.Configurations;

/// <summary>The columns every case's timeline table shares (<see cref="CaseEvent"/>); each table keeps its own indexes.</summary>
internal static class CaseEventColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : CaseEvent
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.ActorId).HasMaxLength(64);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(CaseEvent.NoteMaxLength);
    }
}
