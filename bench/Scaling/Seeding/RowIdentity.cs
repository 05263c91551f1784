using System.Text;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;
using Sessions.Grains.Users;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>
/// The identity columns Orleans' ADO.NET provider computes for a user's state (AdoNetGrainStorage with AdoGrainKey):
/// a string key that parses as a GUID — every user id does — is stored as the GUID's two little-endian 64-bit halves
/// with no extension; the id hash is the provider's hasher over the GUID's bytes reversed, the type hash over the
/// state name (<see cref="UserState.StateName"/>). <see cref="SeedCheck"/> compares these with rows the grid itself
/// wrote before anything is seeded.
/// </summary>
internal sealed class RowIdentity(string serviceId, IStorageHasherPicker hashPicker, IGrainFactory grains)
{
    private static readonly byte[] StateNameBytes = Encoding.UTF8.GetBytes(UserState.StateName);
    private readonly GrainState<UserState> _noState = new();

    // The user grain's type as the grid resolves it, asked once: resolving a reference per user costs more than the rest.
    private readonly GrainType _userGrainType = grains.GetGrain<IUserGrain>(GridIds.Format(Guid.NewGuid())).GetGrainId().Type;

    public StoredRowKey ForUser(Guid userId)
    {
        var grainId = GrainId.Create(_userGrainType, GridIds.Format(userId));
        var hasher = hashPicker.PickHasher(serviceId, SessionGrid.AdoNetStorageName, UserState.StateName, grainId, _noState)
            ?? throw new InvalidOperationException("The grid's storage has no hasher for the user state.");
        var bytes = userId.ToByteArray();
        var n0 = BitConverter.ToInt64(bytes, 0);
        var n1 = BitConverter.ToInt64(bytes, 8);
        Array.Reverse(bytes);
        return new StoredRowKey(serviceId, UserState.StateName, n0, n1, string.Empty, hasher.Hash(StateNameBytes), hasher.Hash(bytes));
    }
}
