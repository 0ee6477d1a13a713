import { describe, expect, it } from 'vitest';
import { parseCrs } from './parse-crs.ts';
import { transformPoint } from './transform.ts';
import { parseWkt, wktToCrs } from './wkt.ts';

// Verbatim from PROJ 9.1.1: `projinfo EPSG:4544 -o WKT1_GDAL` and `-o WKT2_2019`.
const WKT1_4544 = 'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 105E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4544"]]';
const WKT2_4544 = 'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 105E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],CONVERSION["Gauss-Kruger CM 105E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",105,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],USAGE[SCOPE["Cadastre, engineering survey, topographic mapping (large scale)."],AREA["China - between 103°30\'E and 106°30\'E."],BBOX[22.5,103.5,42.21,106.51]],ID["EPSG",4544]]';
const WKT2_4490 = 'GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]]';
const WKT1_4479 = 'GEOCCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Geocentric X",OTHER],AXIS["Geocentric Y",OTHER],AXIS["Geocentric Z",NORTH],AUTHORITY["EPSG","4479"]]';

const P = [106.27, 29.99, 0];

describe('WKT', () => {
  it('reads WKT1 and WKT2 of EPSG:4544 to the same transformation as the code', () => {
    const byCode = transformPoint('EPSG:4490', 'EPSG:4544', P);
    for (const wkt of [WKT1_4544, WKT2_4544]) {
      const got = transformPoint('EPSG:4490', wkt, P);
      expect(Math.hypot(got[0] - byCode[0], got[1] - byCode[1])).toBeLessThan(1e-6);
    }
    expect(wktToCrs(WKT1_4544).id).toBe('EPSG:4544');
    expect(wktToCrs(WKT2_4544).id).toBe('EPSG:4544');
    expect(wktToCrs(WKT2_4544).axisOrder).toBe('north-east');
    expect(wktToCrs(WKT1_4544).datum).toBe('CGCS2000');
  });

  it('reads geographic and geocentric CRSs', () => {
    const g = parseCrs(WKT2_4490);
    expect(g.kind).toBe('geographic');
    expect(g.axisOrder).toBe('lat-lon');
    const c = parseCrs(WKT1_4479);
    expect(c.kind).toBe('geocentric');
    const ecef = transformPoint('EPSG:4490', WKT1_4479, P);
    const ref = transformPoint('EPSG:4490', 'EPSG:4479', P);
    expect(Math.hypot(ecef[0] - ref[0], ecef[1] - ref[1], ecef[2] - ref[2])).toBeLessThan(1e-6);
  });

  it('reads a compound CRS with the 1985 height datum as orthometric', () => {
    const wkt = `COMPD_CS["CGCS2000 / GK CM 105E + Yellow Sea 1985 height",${WKT1_4544},VERT_CS["Yellow Sea 1985 height",VERT_DATUM["Yellow Sea 1985",2005,AUTHORITY["EPSG","5137"]],UNIT["metre",1],AXIS["Gravity-related height",UP],AUTHORITY["EPSG","5737"]]]`;
    const crs = parseCrs(wkt);
    expect(crs.heights).toBe('orthometric');
    expect(crs.verticalDatum).toEqual({ id: 'EPSG:5737', name: 'Yellow Sea 1985 height' });
  });

  it('honours linear units other than the metre', () => {
    // WKT1 linear parameters are in the CRS's unit: the false easting is 500000 m written in feet.
    const wkt = WKT1_4544.replace('UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4544"]', 'UNIT["US survey foot",0.304800609601219]')
      .replace('PARAMETER["false_easting",500000]', `PARAMETER["false_easting",${500000 / 0.304800609601219}]`);
    const ft = transformPoint('EPSG:4490', wkt, P);
    const m = transformPoint('EPSG:4490', 'EPSG:4544', P);
    expect(ft[0] * 0.304800609601219).toBeCloseTo(m[0], 4);
  });

  it('reports malformed WKT with the character offset, expectation and what was found', () => {
    expect(() => parseWkt('PROJCS["x",GEOGCS["y"')).toThrow(/offset 21: expected ',' or '\]' in GEOGCS, found end of text/);
    expect(() => parseWkt('PROJCS["x" GEOGCS["y"]]')).toThrow(/offset 11: expected ',' or '\]' in PROJCS/);
    expect(() => parseWkt('PROJCS["x"]] extra')).toThrow(/offset 11: expected end of text after the root node/);
    expect(() => parseWkt('["x"]')).toThrow(/offset 0: expected a WKT keyword/);
    expect(() => parseCrs('PROJCS["x",PROJECTION["Robinson"],GEOGCS["g",DATUM["d",SPHEROID["s",6378137,298.257]]]]')).toThrow(/unsupported projection method 'Robinson'/);
    expect(() => parseCrs('GEOGCS["g",DATUM["d"]]')).toThrow(/expected DATUM\[\.\.\., SPHEROID\[name, a, 1\/f\]\], found none/);
    expect(() => parseCrs('GEOGCS["g",DATUM["d",SPHEROID["s","big",298]]]')).toThrow(/semi-major axis must be a number, found "big"/);
    expect(() => parseCrs('LOCAL_CS["site"]')).toThrow(/expected PROJCS\/PROJCRS.*found LOCAL_CS/);
  });
});
