using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PricerLib.Classical;

/// <summary>
/// The few calls of LightGBM's C API that <see cref="LightGbmForest"/> needs. The library is the <c>lib_lightgbm</c>
/// that Microsoft.ML.LightGbm already ships; it is called directly because ML.NET's wrapper offers only LightGBM's
/// gbdt, dart and goss boosters, not its random forest (<c>boosting=rf</c>).
/// </summary>
internal static class LightGbmNative
{
    private const string Library = "lib_lightgbm";

    /// <summary>C_API_DTYPE_FLOAT32.</summary>
    public const int Float32 = 0;

    [DllImport(Library)]
    private static extern IntPtr LGBM_GetLastError();

    [DllImport(Library)]
    public static extern int LGBM_DatasetCreateFromMat(float[] data, int dataType, int rows, int columns, int rowMajor,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, IntPtr reference, out DatasetHandle dataset);

    [DllImport(Library)]
    public static extern int LGBM_DatasetSetField(DatasetHandle dataset, [MarshalAs(UnmanagedType.LPUTF8Str)] string field,
        float[] values, int count, int type);

    [DllImport(Library)]
    public static extern int LGBM_DatasetFree(IntPtr dataset);

    [DllImport(Library)]
    public static extern int LGBM_BoosterCreate(DatasetHandle train, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, out BoosterHandle booster);

    [DllImport(Library)]
    public static extern int LGBM_BoosterUpdateOneIter(BoosterHandle booster, out int finished);

    [DllImport(Library)]
    public static extern int LGBM_BoosterFree(IntPtr booster);

    [DllImport(Library)]
    public static extern int LGBM_BoosterGetNumFeature(BoosterHandle booster, out int features);

    [DllImport(Library)]
    public static extern int LGBM_BoosterPredictForMat(BoosterHandle booster, float[] data, int dataType, int rows, int columns, int rowMajor,
        int predictType, int startIteration, int iterations, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, out long length, [Out] double[] result);

    [DllImport(Library)]
    public static extern int LGBM_BoosterSaveModelToString(BoosterHandle booster, int startIteration, int iterations, int importanceType,
        long bufferLength, out long length, [Out] byte[] buffer);

    [DllImport(Library)]
    public static extern int LGBM_BoosterLoadModelFromString([MarshalAs(UnmanagedType.LPUTF8Str)] string model, out int iterations, out BoosterHandle booster);

    /// <summary>Turns LightGBM's -1 into an exception carrying its own message.</summary>
    /// <exception cref="LightGbmException">The call failed.</exception>
    public static void Check(int status, string what)
    {
        if (status != 0) throw new LightGbmException($"LightGBM could not {what}: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
    }

    /// <summary>A LightGBM dataset, freed with it.</summary>
    public sealed class DatasetHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
    {
        protected override bool ReleaseHandle() => LGBM_DatasetFree(handle) == 0;
    }

    /// <summary>A LightGBM booster, freed with it.</summary>
    public sealed class BoosterHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
    {
        protected override bool ReleaseHandle() => LGBM_BoosterFree(handle) == 0;
    }
}

/// <summary>LightGBM refused a call (its own message says why).</summary>
public sealed class LightGbmException(string message) : PricerException(message);
