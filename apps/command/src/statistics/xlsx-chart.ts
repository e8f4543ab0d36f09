// Native column charts in a workbook exceljs wrote (exceljs writes tables and images, not charts): DrawingML chart
// parts added to the package, each drawn on a worksheet and reading its figures from another, so that a reader
// (Excel, WPS, LibreOffice) draws them from the cells and redraws them if the figures are edited.
import JSZip from 'jszip';

export interface ColumnChart {
  title: string;
  /** The worksheet the chart is drawn on. */
  onSheet: string;
  /** Top-left and bottom-right cells of the chart, zero-based (column, row). */
  anchor: [number, number, number, number];
  /** Where the figures are: a sheet, the category column, the value column and the header row; one data row per category. */
  data: { sheet: string; categoryColumn: string; valueColumn: string; headerRow: number };
  /** The values as written (readers show these until they recalculate). */
  categories: string[];
  values: number[];
  seriesName: string;
}

const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ref = (sheet: string, col: string, from: number, to = from) => escape(`'${sheet.replace(/'/g, "''")}'!$${col}$${from}${to === from ? '' : `:$${col}$${to}`}`);

function chartXml(c: ColumnChart): string {
  const { sheet, categoryColumn, valueColumn, headerRow } = c.data;
  const first = headerRow + 1;
  const last = headerRow + c.categories.length;
  const points = (xs: (string | number)[]) => xs.map((x, i) => `<c:pt idx="${i}"><c:v>${escape(String(x))}</c:v></c:pt>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${A_NS}" xmlns:r="${REL_NS}"><c:lang val="zh-CN"/><c:roundedCorners val="0"/>
<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1"/><a:t>${escape(c.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>
<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>
<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>
<c:ser><c:idx val="0"/><c:order val="0"/>
<c:tx><c:strRef><c:f>${ref(sheet, valueColumn, headerRow)}</c:f><c:strCache><c:ptCount val="1"/>${points([c.seriesName])}</c:strCache></c:strRef></c:tx>
<c:spPr><a:solidFill><a:srgbClr val="1D4F91"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>
<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>
<c:cat><c:strRef><c:f>${ref(sheet, categoryColumn, first, last)}</c:f><c:strCache><c:ptCount val="${c.categories.length}"/>${points(c.categories)}</c:strCache></c:strRef></c:cat>
<c:val><c:numRef><c:f>${ref(sheet, valueColumn, first, last)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${c.values.length}"/>${points(c.values)}</c:numCache></c:numRef></c:val>
</c:ser><c:gapWidth val="80"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>
<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>
<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>
</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

function anchorXml(c: ColumnChart, i: number): string {
  const [c0, r0, c1, r1] = c.anchor;
  return `<xdr:twoCellAnchor><xdr:from><xdr:col>${c0}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r0}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
<xdr:to><xdr:col>${c1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>
<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escape(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>
<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" r:id="rIdChart${i + 1}"/></a:graphicData></a:graphic>
</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
}

/** Adds the charts to the workbook's package; every chart's `onSheet` must be the same worksheet. */
export async function addColumnCharts(xlsx: Buffer, charts: ColumnChart[]): Promise<Buffer> {
  if (!charts.length) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const read = async (path: string) => {
    const f = zip.file(path);
    if (!f) throw new Error(`workbook part missing: ${path}`);
    return f.async('string');
  };
  // Which part is the worksheet named onSheet: workbook.xml names it, its relationships give the part.
  const workbook = await read('xl/workbook.xml');
  const rels = await read('xl/_rels/workbook.xml.rels');
  const sheetTag = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${escape(charts[0].onSheet)}"`));
  const rid = sheetTag && /r:id="([^"]+)"/.exec(sheetTag)?.[1];
  const target = rid && new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(rels)?.[0].match(/Target="([^"]+)"/)?.[1];
  if (!target) throw new Error(`worksheet not found: ${charts[0].onSheet}`);
  const sheetPath = `xl/${target.replace(/^\/?xl\//, '')}`;
  const sheetFile = sheetPath.split('/').pop()!;
  const sheetRelsPath = `xl/worksheets/_rels/${sheetFile}.rels`;
  if (zip.file('xl/drawings/drawing1.xml')) throw new Error('the workbook already has a drawing');

  charts.forEach((c, i) => zip.file(`xl/charts/chart${i + 1}.xml`, chartXml(c)));
  zip.file('xl/drawings/drawing1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${A_NS}" xmlns:r="${REL_NS}">${charts.map(anchorXml).join('')}</xdr:wsDr>`);
  zip.file('xl/drawings/_rels/drawing1.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${charts
    .map((_, i) => `<Relationship Id="rIdChart${i + 1}" Type="${REL_NS}/chart" Target="../charts/chart${i + 1}.xml"/>`).join('')}</Relationships>`);

  const drawingRel = `<Relationship Id="rIdDrawing1" Type="${REL_NS}/drawing" Target="../drawings/drawing1.xml"/>`;
  const sheetRels = zip.file(sheetRelsPath) ? await read(sheetRelsPath) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  zip.file(sheetRelsPath, sheetRels.replace('</Relationships>', `${drawingRel}</Relationships>`));
  // <drawing> goes after the page set-up elements and before legacyDrawing, tableParts and extLst (CT_Worksheet order).
  let sheet = await read(sheetPath);
  if (!sheet.includes(`xmlns:r="${REL_NS}"`)) sheet = sheet.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL_NS}"`);
  const before = /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(sheet);
  const at = before ? before.index : sheet.lastIndexOf('</worksheet>');
  zip.file(sheetPath, `${sheet.slice(0, at)}<drawing r:id="rIdDrawing1"/>${sheet.slice(at)}`);

  let types = await read('[Content_Types].xml');
  const override = (part: string, type: string) => {
    if (!types.includes(`PartName="${part}"`)) types = types.replace('</Types>', `<Override PartName="${part}" ContentType="${type}"/></Types>`);
  };
  charts.forEach((_, i) => override(`/xl/charts/chart${i + 1}.xml`, 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml'));
  override('/xl/drawings/drawing1.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml');
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
