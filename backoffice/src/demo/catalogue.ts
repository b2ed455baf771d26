// The demo shop's assortment: a Latvian grocery with a bakery and a café corner, about 600 goods.
// Product lines × variants give realistic names (Latvian, with Russian and international brands, as on Riga shelves);
// every price and quantity comes from a seeded generator, so two demo databases are identical.

import { dec, withCheckDigit } from '@kasa/domain';

export type VatCode = 'standard' | 'reduced' | 'super-reduced' | 'zero';

export interface DemoGroup {
  code: string;
  name: string;
  parent?: string;
}

export const DEMO_GROUPS: DemoGroup[] = [
  { code: 'FOOD', name: 'Pārtika' },
  { code: 'BREAD', name: 'Maize un konditoreja', parent: 'FOOD' },
  { code: 'DAIRY', name: 'Piena produkti', parent: 'FOOD' },
  { code: 'MEAT', name: 'Gaļa, desas un zivis', parent: 'FOOD' },
  { code: 'FRUIT', name: 'Augļi un dārzeņi', parent: 'FOOD' },
  { code: 'GROCERY', name: 'Bakaleja', parent: 'FOOD' },
  { code: 'SWEETS', name: 'Saldumi', parent: 'FOOD' },
  { code: 'FROZEN', name: 'Saldētie produkti', parent: 'FOOD' },
  { code: 'BABY', name: 'Bērnu pārtika', parent: 'FOOD' },
  { code: 'DRINKS', name: 'Dzērieni' },
  { code: 'SOFT', name: 'Bezalkoholiskie dzērieni', parent: 'DRINKS' },
  { code: 'ALCO', name: 'Alkoholiskie dzērieni', parent: 'DRINKS' },
  { code: 'NONFOOD', name: 'Nepārtikas preces' },
  { code: 'HOUSE', name: 'Mājsaimniecība un higiēna', parent: 'NONFOOD' },
  { code: 'TOBACCO', name: 'Tabakas izstrādājumi', parent: 'NONFOOD' },
  { code: 'DEPOSIT', name: 'Depozīta iepakojums', parent: 'NONFOOD' },
  { code: 'CAFE', name: 'Kafejnīca' },
];

interface ProductLine {
  group: string;
  vat: VatCode;
  unit: 'pcs' | 'kg' | 'l';
  /** Sold by weight on the scale (unit kg). */
  weighted?: boolean;
  /** Excise goods with a marking code or stamp (akcīzes marka). */
  marked?: boolean;
  /** Made here (café): no receiving, no stock. */
  produced?: boolean;
  supplier: string;
  /** GS1 company prefix after 475 (Latvia). */
  maker: string;
  /** [name, retail price in cents including VAT]. */
  bases: Array<[string, number]>;
  /** [suffix, price factor in percent]. */
  variants: Array<[string, number]>;
  /** Items of this line also sold in a six-pack with its own barcode. */
  sixPack?: boolean;
}

const LINES: ProductLine[] = [
  {
    group: 'BREAD', vat: 'standard', unit: 'pcs', supplier: 'S-MAIZE', maker: '1001',
    bases: [['Rupjmaize', 189], ['Saldskābmaize', 165], ['Baltmaize', 119], ['Graudu maize', 215], ['Batons', 99], ['Ciabatta', 149], ['Kanēļmaizīte', 79], ['Pīrādziņš ar speķi', 65], ['Croissant ar šokolādi', 95], ['Бородинский хлеб', 175], ['Biezpiena maizīte', 89], ['Sklandrausis', 129]],
    variants: [['"Lāči"', 110], ['"Hanzas Maiznīca"', 100], ['"Druva"', 95]],
  },
  {
    group: 'DAIRY', vat: 'standard', unit: 'pcs', supplier: 'S-PIENS', maker: '1002',
    bases: [['Piens 2,5% 1 l', 109], ['Piens 3,2% 1 l', 119], ['Kefīrs 2,5% 1 l', 115], ['Skābais krējums 20% 400 g', 175], ['Biezpiens 9% 500 g', 289], ['Jogurts ar zemenēm 350 g', 119], ['Jogurts ar mellenēm 350 g', 119], ['Siers Krievijas 50% 400 g', 449], ['Siers Holandes 45% 400 g', 469], ['Sviests 82% 200 g', 319], ['Glazētais biezpiena sieriņš', 45], ['Rūgušpiens 1 l', 125], ['Творог 5% 250 g', 165], ['Ряженка 4% 0,5 l', 135], ['Paniņas 1 l', 99], ['Saldais krējums 35% 200 ml', 189]],
    variants: [['"Rīgas Piena Kombināts"', 100], ['"Tukuma Piens"', 105], ['"Valmieras Piens"', 98], ['"Smiltenes Piens"', 102]],
  },
  {
    group: 'MEAT', vat: 'standard', unit: 'kg', weighted: true, supplier: 'S-GALA', maker: '1003',
    bases: [['Cūkgaļas karbonāde', 749], ['Cūkgaļas šķiņķis', 629], ['Liellopa gaļa bez kaula', 1399], ['Vistas fileja', 799], ['Vistas stilbiņi', 399], ['Maltā gaļa (cūkas/liellopa)', 599], ['Kūpināta desa', 1199], ['Vārītā desa "Doktora"', 749], ['Speķis kūpināts', 899], ['Lasis svaigs', 1899], ['Siļķe sālīta', 499], ['Reņģes kūpinātas', 699], ['Колбаса «Докторская»', 769], ['Сало копчёное', 929], ['Cīsiņi', 659], ['Aknu pastēte', 549]],
    variants: [['"Forevers"', 100], ['"Gaļas nams"', 96], ['"Bauskas Gaļa"', 104]],
  },
  {
    group: 'FRUIT', vat: 'super-reduced', unit: 'kg', weighted: true, supplier: 'S-DARZS', maker: '1004',
    bases: [['Āboli "Antonovka"', 149], ['Āboli "Gala"', 199], ['Banāni', 159], ['Apelsīni', 189], ['Mandarīni', 249], ['Citroni', 299], ['Bumbieri "Konference"', 259], ['Vīnogas zaļās', 449], ['Kartupeļi', 69], ['Burkāni', 79], ['Sīpoli', 89], ['Ķiploki', 599], ['Kāposti', 69], ['Bietes', 79], ['Gurķi', 349], ['Tomāti', 399], ['Paprika sarkanā', 549], ['Cukini', 299], ['Ķirbis', 149], ['Dzērvenes', 799], ['Brūklenes', 899], ['Mellenes', 1099], ['Avenes', 1599], ['Zemenes', 999], ['Kivi', 399]],
    variants: [['', 100], ['BIO', 160]],
  },
  {
    group: 'GROCERY', vat: 'standard', unit: 'pcs', supplier: 'S-BAKALEJA', maker: '1005',
    bases: [['Kviešu milti 1 kg', 109], ['Cukurs 1 kg', 119], ['Griķi 800 g', 169], ['Rīsi apaļgraudu 1 kg', 199], ['Makaroni spirālītes 500 g', 99], ['Auzu pārslas 500 g', 89], ['Saulespuķu eļļa 1 l', 289], ['Sāls jodēts 1 kg', 49], ['Tomātu mērce 500 g', 179], ['Majonēze 400 g', 219], ['Sinepes 200 g', 99], ['Kečups 500 g', 189], ['Zaļie zirnīši 400 g', 129], ['Šprotes eļļā 160 g', 249], ['Melnā tēja 100 g', 249], ['Malta kafija 250 g', 449], ['Kafijas pupiņas 1 kg', 1599], ['Medus 500 g', 699], ['Ievārījums 400 g', 299], ['Pelēkie zirņi 500 g', 169], ['Grūbas 800 g', 119], ['Manna 1 kg', 139], ['Сгущённое молоко 380 g', 229], ['Гречка ядрица 900 g', 199], ['Olīveļļa 0,5 l', 799], ['Etiķis 9% 0,5 l', 79], ['Pipari melnie 50 g', 149], ['Rauga mīkla 500 g', 189], ['Olas M 10 gab.', 259], ['Zupas buljons 10 gab.', 169]],
    variants: [['"Dobele"', 100], ['"Spilva"', 106], ['"Rimi Basic"', 85]],
  },
  {
    group: 'SWEETS', vat: 'standard', unit: 'pcs', supplier: 'S-LAIMA', maker: '1006',
    bases: [['Šokolāde piena 100 g', 159], ['Šokolāde rūgtā 100 g', 179], ['Konfektes "Serenāde" 200 g', 449], ['Konfektes "Gotiņa" 200 g', 229], ['Cepumi "Selga" 180 g', 119], ['Vafeles 200 g', 149], ['Zefīrs 250 g', 249], ['Pastila 200 g', 219], ['Čipsi ar sāli 130 g', 189], ['Čipsi ar krējumu 130 g', 189], ['Zemesrieksti sālīti 150 g', 169], ['Lazdu rieksti 200 g', 399], ['Košļājamā gumija', 99], ['Halva 250 g', 199], ['Marmelāde 300 g', 259], ['Пряники мятные 300 g', 179], ['Piparkūkas 300 g', 249], ['Šokolādes batoniņš 50 g', 89], ['Karameles 150 g', 129], ['Kārums šokolādes 45 g', 59]],
    variants: [['"Laima"', 100], ['"Staburadze"', 110]],
  },
  {
    group: 'FROZEN', vat: 'standard', unit: 'pcs', supplier: 'S-SALDETAVA', maker: '1007',
    bases: [['Pelmeņi 500 g', 349], ['Vareniki ar kartupeļiem 500 g', 299], ['Saldējums plombīrs 120 ml', 99], ['Saldējums "Eskimo" 80 ml', 129], ['Saldētas zivju pirkstiņi 250 g', 279], ['Saldēti dārzeņi 400 g', 199], ['Saldētas zemenes 300 g', 349], ['Frī kartupeļi 1 kg', 279], ['Pica "Margarita" 350 g', 349], ['Pankūkas ar gaļu 400 g', 319], ['Saldējums vaniļas 1 l', 499], ['Saldētas mellenes 300 g', 389], ['Čebureki 400 g', 299], ['Blinčiki ar biezpienu 400 g', 329], ['Ledus 2 kg', 149]],
    variants: [['"Pols"', 100], ['"Baltic Frost"', 92]],
  },
  {
    group: 'BABY', vat: 'reduced', unit: 'pcs', supplier: 'S-BAKALEJA', maker: '1008',
    bases: [['Ābolu biezenis 125 g', 89], ['Burkānu biezenis 125 g', 89], ['Piena putra ar auzām 200 g', 299], ['Bērnu sula ābolu 200 ml', 79], ['Bērnu cepumi 150 g', 199]],
    variants: [['"HiPP"', 110], ['"Semper"', 100]],
  },
  {
    group: 'SOFT', vat: 'standard', unit: 'pcs', supplier: 'S-DZERIENI', maker: '1009', sixPack: true,
    bases: [['Coca-Cola', 129], ['Coca-Cola Zero', 129], ['Fanta', 119], ['Sprite', 119], ['Minerālūdens "Mangaļi"', 79], ['Minerālūdens "Rāmava"', 75], ['Dzeramais ūdens "Venden"', 59], ['Kvass "Iļģuciems"', 139], ['Ābolu sula "Cido"', 169], ['Apelsīnu sula "Cido"', 179], ['Bērzu sula', 199], ['Limonāde "Buratino"', 109], ['Дюшес лимонад', 109], ['Ledus tēja ar citronu', 129], ['Dzērvenu dzēriens', 149], ['Tonizējošais dzēriens "Red Bull"', 179], ['Kokteilis piena šokolādes', 139], ['Smidzinātais ūdens ar citronu', 89], ['Mellenu nektārs', 189], ['Tomātu sula', 159]],
    variants: [['0,5 l', 100], ['1,5 l', 190]],
  },
  {
    group: 'ALCO', vat: 'standard', unit: 'pcs', marked: true, supplier: 'S-ALKO', maker: '1010', sixPack: true,
    bases: [['Alus "Aldaris Zelta"', 139], ['Alus "Valmiermuižas Gaišais"', 199], ['Alus "Cēsu Premium"', 149], ['Alus "Užavas Tumšais"', 219], ['Alus "Bauskas Tumšais"', 169], ['Alus "Tērvetes Originālais"', 179], ['Sidrs "Mr. Plūme" ābolu', 169], ['Alus "Labietis Bezgalīgais"', 269], ['Пиво «Балтика 7»', 159], ['Alus "Madonas Gaišais"', 149], ['Alus bezalkoholiskais "Cēsu"', 129], ['Alus "Lāčplēsis Gaišais"', 159]],
    variants: [['0,5 l', 100], ['1 l', 185]],
  },
  {
    group: 'ALCO', vat: 'standard', unit: 'pcs', marked: true, supplier: 'S-ALKO', maker: '1011',
    bases: [['Rīgas Melnais balzams 0,5 l', 1399], ['Rīgas Melnais balzams Upeņu 0,5 l', 1399], ['Degvīns "Stumbras" 0,5 l', 1099], ['Degvīns "Moskovskaya" 0,5 l', 1199], ['Degvīns "Amber" 0,5 l', 1149], ['Vīns sarkanais Merlot 0,75 l', 799], ['Vīns baltais Chardonnay 0,75 l', 849], ['Dzirkstošais vīns "Rīgas Šampanietis" 0,75 l', 899], ['Коньяк «Арарат» 5* 0,5 l', 2299], ['Vīns Rioja Crianza 0,75 l', 1099], ['Džins London Dry 0,7 l', 1899], ['Viskijs Blended Scotch 0,7 l', 2199], ['Upeņu vīns "Abavas" 0,75 l', 1299], ['Liķieris "Allažu Ķimelis" 0,5 l', 1499], ['Vīns Prosecco 0,75 l', 999]],
    variants: [['', 100], ['dāvanu iepakojumā', 125]],
  },
  {
    group: 'TOBACCO', vat: 'standard', unit: 'pcs', marked: true, supplier: 'S-TABAKA', maker: '1012',
    bases: [['Cigaretes "Marlboro"', 575], ['Cigaretes "L&M"', 525], ['Cigaretes "Winston"', 525], ['Cigaretes "Kent"', 575], ['Cigaretes "Camel"', 545], ['Cigaretes "Chesterfield"', 525], ['Cigaretes "Pall Mall"', 515], ['Cigaretes "Parliament"', 625], ['Sīgari "Cohiba Club"', 1699], ['Tinamā tabaka 30 g', 899], ['Karsējamās tabakas nūjiņas', 525], ['Elektronisko cigarešu šķidrums 10 ml', 599]],
    variants: [['Red', 100], ['Blue', 100]],
  },
  {
    group: 'HOUSE', vat: 'standard', unit: 'pcs', supplier: 'S-TIRIBA', maker: '1013',
    bases: [['Trauku mazgāšanas līdzeklis 450 ml', 199], ['Veļas pulveris 2 kg', 849], ['Veļas mīkstinātājs 1 l', 399], ['Tualetes papīrs 8 rulli', 399], ['Papīra dvieļi 2 rulli', 229], ['Atkritumu maisi 35 l 30 gab.', 179], ['Zobu pasta 75 ml', 249], ['Šampūns 400 ml', 449], ['Dušas želeja 250 ml', 299], ['Ziepes 100 g', 99], ['Sveces tējas 10 gab.', 199], ['Sērkociņi 10 kastītes', 79], ['Baterijas AA 4 gab.', 499], ['Baterijas AAA 4 gab.', 499], ['Alumīnija folija 10 m', 229], ['Pārtikas plēve 20 m', 199], ['Cepamais papīrs 8 m', 179], ['Sūklīši traukiem 5 gab.', 129], ['Grīdas mazgāšanas līdzeklis 1 l', 299], ['Stikla tīrītājs 500 ml', 259], ['Mitrās salvetes 72 gab.', 219], ['Salvetes galda 100 gab.', 129], ['Dezodorants 150 ml', 349], ['Skūšanās putas 200 ml', 299], ['Vienreizējās lietošanas šķīvji 10 gab.', 149]],
    variants: [['"Tīrība"', 100], ['"Fairy"', 120], ['"ECO"', 110]],
  },
  {
    group: 'CAFE', vat: 'standard', unit: 'pcs', produced: true, supplier: '', maker: '1014',
    bases: [['Espresso', 150], ['Dubultais espresso', 220], ['Kafija ar pienu', 200], ['Kapučīno', 250], ['Latte', 280], ['Tēja melnā', 150], ['Karstā šokolāde', 260]],
    variants: [['S', 100], ['L', 140]],
  },
  {
    group: 'CAFE', vat: 'standard', unit: 'pcs', produced: true, supplier: '', maker: '1015',
    bases: [['Soļanka', 390], ['Frikadeļu zupa', 320], ['Borščs', 350], ['Cūkgaļas karbonāde ar kartupeļiem', 690], ['Pelēkie zirņi ar speķi', 450], ['Pankūkas ar ievārījumu', 380], ['Rasols', 290], ['Siļķe kažokā', 320], ['Pica "Margarita"', 590], ['Vistas fileja ar rīsiem', 650], ['Pelmeņi ar krējumu', 490], ['Kartupeļu pankūkas', 420], ['Rupjmaizes kārtojums', 290], ['Biezpiena plācenīši', 360], ['Dienas zupa', 280]],
    variants: [['', 100]],
  },
  {
    group: 'DEPOSIT', vat: 'zero', unit: 'pcs', supplier: '', maker: '1016',
    bases: [['Depozīta iepakojums (DIO)', 10]],
    variants: [['', 100]],
  },
  // What the bakery and the café make their goods from (demo/recipes.ts): bought in bulk, not put on the shelf.
  {
    group: 'GROCERY', vat: 'standard', unit: 'kg', supplier: '', maker: '1017',
    bases: [['Kviešu milti ceptuvei', 89], ['Sausais raugs ceptuvei', 990], ['Kafijas pupiņas kafejnīcai', 1890]],
    variants: [['', 100]],
  },
  {
    group: 'GROCERY', vat: 'standard', unit: 'l', supplier: '', maker: '1018',
    bases: [['Ūdens ceptuvei', 10], ['Piens kafejnīcai 3,2%', 119]],
    variants: [['', 100]],
  },
  // The bakery's own loaf, baked in BAKERY by production runs.
  {
    group: 'BREAD', vat: 'standard', unit: 'pcs', supplier: '', maker: '1019',
    bases: [['Ceptuves baltmaize 500 g', 159]],
    variants: [['', 100]],
  },
];

export interface DemoItem {
  code: string;
  name: string;
  group: string;
  unit: 'pcs' | 'kg' | 'l';
  vat: VatCode;
  weighted: boolean;
  marked: boolean;
  produced: boolean;
  supplier: string;
  /** Retail price, VAT included, cents. */
  retailMinor: number;
  /** EAN-13 codes; the first is the item's own. */
  barcodes: string[];
  /** A six-pack barcode, when sold by the pack. */
  packBarcode?: string;
}

/** mulberry32: a small seeded generator, so the demo is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shelf price: base × factor, ±6 %, ending in 9 cents (except tiny amounts like the deposit). */
function shelfPrice(baseMinor: number, factorPercent: number, noise: number): number {
  if (baseMinor < 50) return baseMinor;
  const raw = dec(baseMinor).mul(factorPercent).div(100).mul(dec(94).plus(Math.floor(noise * 13))).div(100).toDecimalPlaces(0).toNumber();
  return Math.max(9, raw - (raw % 10) + 9);
}

export function demoCatalogue(): DemoItem[] {
  const rnd = seededRandom(2026);
  const items: DemoItem[] = [];
  let n = 0;
  for (const line of LINES) {
    for (const [base, price] of line.bases) {
      for (const [suffix, factor] of line.variants) {
        n++;
        const ref = String(n).padStart(5, '0');
        const own = withCheckDigit(`475${line.maker}${ref}`);
        const barcodes = [own];
        // Every seventh good also carries the importer's code (a second barcode on the same item).
        if (n % 7 === 0) barcodes.push(withCheckDigit(`400${line.maker}${ref}`));
        items.push({
          code: String(1000 + n),
          name: suffix ? `${base} ${suffix}` : base,
          group: line.group,
          unit: line.unit,
          vat: line.vat,
          weighted: !!line.weighted,
          marked: !!line.marked,
          produced: !!line.produced,
          supplier: line.supplier,
          retailMinor: shelfPrice(price, factor, rnd()),
          barcodes,
          packBarcode: line.sixPack && n % 2 === 0 ? withCheckDigit(`4759${line.maker.slice(1)}${ref}`) : undefined,
        });
      }
    }
  }
  return items;
}
