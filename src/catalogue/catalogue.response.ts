// The answers of /api/catalogues, as classes the Swagger CLI plugin describes.

export class CatalogueItem {
  id: string;
  year: number;
  seq: number;
  title: string;
  department: string;
  /** the government whose catalogue it is */
  governmentId: string;
  addedOn: string;
  adjustmentReason: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
}

export class Catalogue {
  year: number;
  publishedOn: string | null;
  items: CatalogueItem[];
}

export class PublishedCatalogue {
  year: number;
  publishedOn: string;
}

export class WithdrawnItem {
  id: string;
  year: number;
  seq: number;
  title: string;
  department: string;
  governmentId: string;
  addedOn: string;
  adjustmentReason: string | null;
  withdrawnOn: string;
  withdrawalReason: string;
}
