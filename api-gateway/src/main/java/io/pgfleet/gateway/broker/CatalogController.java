package io.pgfleet.gateway.broker;

import io.pgfleet.workflows.catalog.PlanCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /v2/catalog. */
@RestController
public class CatalogController {

  private static final Catalog CATALOG = Catalog.of(PlanCatalog.PLANS);

  @GetMapping("/v2/catalog")
  public Catalog catalog() {
    return CATALOG;
  }
}
